import { IconButton } from '../shared/ui/Button';
import { MoonIcon, SunIcon } from '../shared/ui/icons';
import { useThemeStore } from './themeStore';

export function ThemeToggle() {
  const theme = useThemeStore((s) => s.theme);
  const toggle = useThemeStore((s) => s.toggle);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <IconButton label={`Switch to ${next} theme`} onClick={toggle} data-testid="theme-toggle" data-theme={theme}>
      {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
    </IconButton>
  );
}
