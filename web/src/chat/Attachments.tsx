import { useSyncExternalStore } from 'react';
import { formatSize } from '../shared/format';
import { FileIcon } from '../shared/ui/icons';
import { tokenStore } from '../shared/tokens';
import type { Attachment } from '../shared/types';

function useAccessToken() {
  return useSyncExternalStore(tokenStore.subscribe, () => tokenStore.get()?.token ?? '');
}

/** Appends ?access_token= so <img src> and plain links can fetch members-only files. */
export function withToken(url: string, token: string) {
  return `${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
}

export function AttachmentList({ items }: { items: Attachment[] }) {
  const token = useAccessToken();
  if (!items.length) return null;
  return (
    <div className="mt-1.5 flex flex-wrap gap-2">
      {items.map((a) => {
        const isImage = a.contentType.startsWith('image/');
        if (isImage) {
          const w = a.width ?? 320;
          const h = a.height ?? 240;
          const scale = Math.min(1, 320 / w, 240 / h);
          return (
            <a
              key={a.id}
              href={withToken(a.url, token)}
              target="_blank"
              rel="noreferrer"
              className="block overflow-hidden rounded-lg border border-line bg-surface-2"
              data-testid="attachment-image"
            >
              <img
                src={withToken(a.thumbnailUrl || a.url, token)}
                alt={a.name}
                width={Math.round(w * scale)}
                height={Math.round(h * scale)}
                loading="lazy"
                className="block h-auto max-w-full object-cover"
                style={{ aspectRatio: `${w} / ${h}` }}
              />
            </a>
          );
        }
        return (
          <a
            key={a.id}
            href={withToken(a.url, token)}
            target="_blank"
            rel="noreferrer"
            className="flex max-w-xs items-center gap-2.5 rounded-lg border border-line bg-surface px-3 py-2 hover:bg-surface-2"
            data-testid="attachment-file"
          >
            <FileIcon className="text-muted" />
            <span className="min-w-0">
              <span className="block truncate text-sm font-medium">{a.name}</span>
              <span className="block text-xs text-muted">{formatSize(a.size)}</span>
            </span>
          </a>
        );
      })}
    </div>
  );
}
