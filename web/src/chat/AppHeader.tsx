import { useAuthStore } from '../account/authStore';
import { ThemeToggle } from '../app/ThemeToggle';
import { useUiStore } from '../app/uiStore';
import { IconButton } from '../shared/ui/Button';
import { KeyboardIcon, LogoutIcon, SearchIcon } from '../shared/ui/icons';
import { ModelStatus } from '../ai/ModelStatus';

export function AppHeader() {
  const user = useAuthStore((s) => s.user);
  const logout = useAuthStore((s) => s.logout);
  const open = useUiStore((s) => s.open);
  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b border-line bg-surface px-3 sm:px-4">
      <a href="#/" className="mr-auto flex items-center gap-2 rounded-lg text-base font-bold tracking-tight sm:mr-0">
        <img src="/favicon.svg" alt="" width={26} height={26} />
        <span>Kiln</span>
      </a>
      <button
        type="button"
        onClick={() => open('search')}
        className="mx-auto hidden h-9 w-full max-w-md items-center gap-2 rounded-lg border border-line bg-surface-2 px-3 text-sm text-muted hover:text-fg sm:flex"
      >
        <SearchIcon />
        <span>Search messages</span>
      </button>
      <IconButton label="Search" onClick={() => open('search')} className="sm:hidden">
        <SearchIcon />
      </IconButton>
      <ModelStatus />
      <IconButton label="Keyboard shortcuts" onClick={() => open('help')}>
        <KeyboardIcon />
      </IconButton>
      <ThemeToggle />
      <span className="hidden max-w-32 truncate text-sm font-medium md:inline" data-testid="current-user">
        {user?.username}
      </span>
      <IconButton label="Sign out" onClick={() => void logout()}>
        <LogoutIcon />
      </IconButton>
    </header>
  );
}
