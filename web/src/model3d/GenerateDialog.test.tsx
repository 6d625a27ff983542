import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAuthStore } from '../account/authStore';
import GenerateDialog from './GenerateDialog';
import { pictureProblem } from './picture';

const service = vi.hoisted(() => ({
  listGenerators: vi.fn(),
  uploadPicture: vi.fn(),
  generateModel: vi.fn(),
}));
vi.mock('./service', () => service);

const GENERATORS = [
  { id: 'procedural', name: 'Built-in engine', input: 'text', preferred: true },
  { id: 'relief', name: 'Relief', input: 'image', preferred: true },
  { id: 'lithophane', name: 'Lithophane', input: 'image', preferred: false },
];

const file = (name: string, type: string, size = 2048) => new File([new Uint8Array(size)], name, { type });

async function openDialog() {
  const onClose = vi.fn();
  render(<GenerateDialog open onClose={onClose} conversationId="c1" />);
  await waitFor(() => expect(service.listGenerators).toHaveBeenCalled());
  return onClose;
}

describe('generate dialog: a model from a picture', () => {
  afterEach(cleanup);
  beforeEach(() => {
    vi.clearAllMocks();
    service.listGenerators.mockResolvedValue(GENERATORS);
    service.uploadPicture.mockResolvedValue({ id: 'f1', name: 'sunrise.png' });
    service.generateModel.mockResolvedValue({ generationId: 'g1', status: 'queued', estimatedTime: 2 });
    useAuthStore.setState({ user: { id: 'u1', username: 'ada' } });
    URL.createObjectURL = vi.fn(() => 'blob:preview');
    URL.revokeObjectURL = vi.fn();
  });

  it('refuses a file that is not a picture, in words, without uploading it', async () => {
    await openDialog();
    fireEvent.change(screen.getByLabelText('Picture (optional)'), { target: { files: [file('notes.txt', 'text/plain')] } });
    expect(screen.getByRole('alert').textContent).toBe(
      '“notes.txt” is not a picture the 3D generators read. Choose a PNG or JPEG file.',
    );
    expect(screen.queryByTestId('picture-preview')).toBeNull();
    expect(service.uploadPicture).not.toHaveBeenCalled();
  });

  it('previews the picture, offers relief and lithophane, then uploads it and generates from it', async () => {
    const onClose = await openDialog();
    // text only: the built-in engine is the one text generator, so there is no choice to show
    expect(screen.queryByRole('radio', { name: /Relief/ })).toBeNull();
    const png = file('sunrise.png', 'image/png');
    fireEvent.change(screen.getByLabelText('Picture (optional)'), { target: { files: [png] } });
    expect(screen.getByRole('img', { name: 'Selected picture: sunrise.png' }).getAttribute('src')).toBe('blob:preview');
    expect((screen.getByRole('radio', { name: /Relief/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: /Lithophane/ }));
    // the description is optional with a picture
    expect((screen.getByLabelText('Description') as HTMLTextAreaElement).required).toBe(false);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Generate' })));
    expect(service.uploadPicture).toHaveBeenCalledWith('c1', png, expect.any(Function));
    expect(service.generateModel).toHaveBeenCalledWith(
      expect.objectContaining({ description: '', generator: 'lithophane', picture: { fileId: 'f1', name: 'sunrise.png' } }),
    );
    expect(onClose).toHaveBeenCalled();
  });

  it('shows why the upload or the generation was refused and keeps the picture', async () => {
    await openDialog();
    service.generateModel.mockRejectedValue(
      new Error("That picture can't be used: is not a picture the built-in engine can read."),
    );
    fireEvent.change(screen.getByLabelText('Picture (optional)'), { target: { files: [file('broken.png', 'image/png')] } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Generate' })));
    expect(screen.getByRole('alert').textContent).toContain("That picture can't be used");
    expect(screen.getByTestId('picture-preview').textContent).toContain('broken.png');
    fireEvent.click(screen.getByRole('button', { name: 'Remove picture' }));
    expect(screen.queryByTestId('picture-preview')).toBeNull();
    expect(screen.queryByRole('radio', { name: /Relief/ })).toBeNull();
  });
});

describe('pictureProblem', () => {
  it('says what is wrong with a picture for the chosen generator', () => {
    expect(pictureProblem(file('a.png', 'image/png'), 'relief')).toBeNull();
    expect(pictureProblem(file('big.jpg', 'image/jpeg', 26 * 1024 * 1024), 'relief')).toMatch(
      /“big.jpg” is 26(\.0)? MB; a picture can be at most 25 MB/,
    );
    expect(pictureProblem(file('a.webp', 'image/webp'), 'lithophane')).toBe(
      'The built-in engine makes reliefs and lithophanes from PNG or JPEG pictures, and “a.webp” is WebP. Convert it.',
    );
    expect(pictureProblem(file('a.webp', 'image/webp'), 'lithophane', true)).toMatch(/or choose Stable Fast 3D\.$/);
    expect(pictureProblem(file('a.webp', 'image/webp'), 'stability', true)).toBeNull();
  });
});
