const palette = ['#b45309', '#0f766e', '#1d4ed8', '#7c3aed', '#be185d', '#15803d', '#b91c1c', '#0369a1'];

function hue(name: string) {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return palette[h % palette.length];
}

/** Initial on a colour derived from the name (white on these colours is >= 4.5:1). Decorative: names are shown as text. */
export function Avatar({ name, size = 36, online }: { name: string; size?: number; online?: boolean }) {
  return (
    <span className="relative inline-flex shrink-0" aria-hidden="true">
      <span
        className="inline-flex items-center justify-center rounded-full font-semibold text-white select-none"
        style={{ width: size, height: size, background: hue(name), fontSize: size * 0.42 }}
      >
        {(name.trim()[0] ?? '?').toUpperCase()}
      </span>
      {online !== undefined && <PresenceDot online={online} className="absolute -right-0.5 -bottom-0.5" />}
    </span>
  );
}

export function PresenceDot({ online, className = '' }: { online: boolean; className?: string }) {
  return (
    <span
      data-testid="presence"
      data-online={online}
      className={`inline-block h-3 w-3 rounded-full border-2 border-surface ${online ? 'bg-online' : 'bg-muted/60'} ${className}`}
    />
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <span role="status" className="inline-flex items-center gap-2 text-sm text-muted">
      <span className="h-4 w-4 animate-spin rounded-full border-2 border-line border-t-accent" aria-hidden="true" />
      <span className="sr-only">{label}</span>
    </span>
  );
}
