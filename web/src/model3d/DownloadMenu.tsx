import { useEffect, useId, useRef, useState } from 'react';
import { DownloadIcon } from './icons';
import { DOWNLOAD_FORMATS, downloadUrl } from './service';

/** A disclosure menu with one link per export format; the links carry the access token so they work as plain <a>. */
export function DownloadMenu({ modelId, version, name }: { modelId: string; version: number | null; name: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`Download ${name}`}
        title="Download"
        onClick={() => setOpen((o) => !o)}
        className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-fg hover:bg-surface-2"
        data-testid="model-download"
      >
        <DownloadIcon width={16} height={16} />
        <span className="hidden sm:inline">Download</span>
      </button>
      <ul
        id={id}
        hidden={!open}
        aria-label="Download formats"
        className="absolute right-0 z-20 mt-1 w-60 rounded-lg border border-line bg-surface p-1 shadow-lg"
      >
        {DOWNLOAD_FORMATS.map((f) => (
          <li key={f.format}>
            <a
              href={downloadUrl(modelId, f.format, version)}
              download
              data-format={f.format}
              onClick={() => setOpen(false)}
              className="flex items-baseline justify-between gap-3 rounded-md px-2.5 py-1.5 text-sm hover:bg-surface-2"
            >
              <span className="font-medium">{f.label}</span>
              <span className="text-xs text-muted">{f.hint}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
