import { MAX_UPLOAD_MB } from '../shared/errors';
import { formatSize } from '../shared/format';

/** Pictures the server's image-to-3D generators read: the built-in relief and lithophane take PNG and JPEG only. */
export const PICTURE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const BUILT_IN_TYPES = ['image/png', 'image/jpeg'];

/**
 * Why this file cannot be the picture of a model made by {@code generator} (a sentence to show), or null when it can.
 * {@code stabilityOffered}: Stable Fast 3D is configured here (it also reads WebP).
 */
export function pictureProblem(
  file: Pick<File, 'name' | 'type' | 'size'>,
  generator: string,
  stabilityOffered = false,
): string | null {
  if (!PICTURE_TYPES.includes(file.type)) {
    return `“${file.name}” is not a picture the 3D generators read. Choose a PNG or JPEG${stabilityOffered ? ' (or WebP)' : ''} file.`;
  }
  if (file.size > MAX_UPLOAD_MB * 1024 * 1024) {
    return `“${file.name}” is ${formatSize(file.size)}; a picture can be at most ${MAX_UPLOAD_MB} MB. Choose a smaller one.`;
  }
  if (generator !== 'stability' && !BUILT_IN_TYPES.includes(file.type)) {
    return `The built-in engine makes reliefs and lithophanes from PNG or JPEG pictures, and “${file.name}” is WebP. Convert it${
      stabilityOffered ? ', or choose Stable Fast 3D' : ''
    }.`;
  }
  return null;
}
