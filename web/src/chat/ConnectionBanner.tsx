import { useChatStore } from './chatStore';

export function ConnectionBanner() {
  const banner = useChatStore((s) => s.banner);
  const connection = useChatStore((s) => s.connection);
  if (!banner) return null;
  return (
    <div
      role="status"
      data-testid="connection-banner"
      className={`flex items-center justify-center gap-2 px-4 py-1.5 text-center text-sm font-medium ${
        connection === 'offline' ? 'bg-danger-soft text-danger' : 'bg-accent-soft text-accent-text'
      }`}
    >
      {connection === 'reconnecting' && (
        <span className="h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden="true" />
      )}
      {banner}
    </div>
  );
}
