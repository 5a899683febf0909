import { GridError } from '../errors.ts'

/** A photo as the API receives it: base64 bytes (a `data:` URL prefix is accepted and dropped). */
export interface PhotoInput { name: string; mime: string; data: string }

export const MAX_PHOTO_BYTES = 512 * 1024
export const MAX_PHOTOS = 3

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
}

/**
 * Checks photos (JPEG, PNG or WebP whose bytes match the declared type, at most MAX_PHOTO_BYTES
 * each, at most MAX_PHOTOS) and returns them normalised to plain base64. Throws GRID_BAD_ATTACHMENT
 * naming the field.
 */
export function checkPhotos(photos: PhotoInput[] | undefined, path: string): Array<PhotoInput & { size: number }> {
  if (!photos?.length) return []
  if (photos.length > MAX_PHOTOS) throw new GridError.BAD_ATTACHMENT(`at most ${MAX_PHOTOS} photos`, { errors: [{ path, code: 'maxItems', message: `at most ${MAX_PHOTOS} photos` }] })
  return photos.map((ph, i) => {
    const data = ph.data.replace(/^data:[\w/+.-]+;base64,/, '')
    const bytes = Buffer.from(data, 'base64')
    const check = MAGIC[ph.mime]
    const fail = (why: string) => new GridError.BAD_ATTACHMENT(why, { errors: [{ path: `${path}/${i}`, code: 'attachment', message: why }] })
    if (!check) throw fail(`type ${ph.mime} is not accepted (JPEG, PNG or WebP)`)
    if (bytes.length === 0 || bytes.length > MAX_PHOTO_BYTES) throw fail(`a photo must be 1 byte to ${MAX_PHOTO_BYTES / 1024} KiB (got ${bytes.length} bytes)`)
    if (!check(bytes)) throw fail(`the bytes are not a ${ph.mime} image`)
    return { name: ph.name.slice(0, 200), mime: ph.mime, data: bytes.toString('base64'), size: bytes.length }
  })
}
