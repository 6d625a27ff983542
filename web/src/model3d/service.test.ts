import { describe, expect, it } from 'vitest';
import { SocketAckError } from '../chat/realtime';
import { describeGenerateError } from './service';

describe('describeGenerateError', () => {
  it('says what is wrong with a picture the server refused, and keeps the advice for descriptions', () => {
    const picture = new SocketAckError(
      'bad_request',
      'imageFileId a relief or lithophane needs a PNG or JPEG picture (this file is image/webp)',
    );
    expect(describeGenerateError(picture)).toBe(
      "That picture can't be used: a relief or lithophane needs a PNG or JPEG picture (this file is image/webp).",
    );
    const words = new SocketAckError('bad_request', 'description names no object I can build.');
    expect(describeGenerateError(words)).toMatch(
      /^Can't make a model from that: description names no object I can build\. Try describing/,
    );
  });
});
