/**
 * Documents a customer uploads from the status page (opened by its signed link): what may be
 * uploaded, and the request for an upload form. The form posts the file straight to the store
 * (S3 presigned POST), whose policy refuses another size or type; this refuses them first, with a
 * message the page shows. Pure: the page checks with the same limits before asking.
 */
import * as z from 'zod/mini';

/** 10 MiB: a phone photo or a scanned PDF of a few pages. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
/** How long an upload form works once issued. */
export const UPLOAD_FORM_SECONDS = 600;

const token = z.string().check(z.trim(), z.minLength(1, 'The link has no token.'), z.maxLength(200));
const fileName = z
  .string()
  .check(z.trim(), z.minLength(1, 'The file needs a name.'), z.maxLength(200, 'The file name is too long.'));
const contentType = z.enum(
  UPLOAD_TYPES,
  'Only PDF, JPEG or PNG files can be uploaded. 仅支持 PDF、JPEG 或 PNG 文件。',
);

/** `POST /v1/status/uploads`: a form for one file. */
export const UploadRequest = z.strictObject({
  t: token,
  fileName,
  contentType,
  size: z
    .number()
    .check(
      z.int(),
      z.minimum(1, 'The file is empty.'),
      z.maximum(MAX_UPLOAD_BYTES, 'The file is larger than 10 MB. 文件不能超过 10 MB。'),
    ),
});
export type UploadRequest = z.infer<typeof UploadRequest>;

/** `POST /v1/status/uploads/{attachmentId}`: the file was posted; record it on the complaint. */
export const UploadDoneRequest = z.strictObject({ t: token, fileName, contentType });
export const UploadPath = z.object({
  attachmentId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be an upload id')),
});

export const UploadFormView = z.object({
  attachmentId: z.string(),
  /** Post `fields`, then the file as `file`, to `url` (multipart/form-data). */
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  maxBytes: z.number(),
  expiresAt: z.string(),
});
export type UploadFormView = z.infer<typeof UploadFormView>;

export const UploadRecordedView = z.object({
  attachmentId: z.string(),
  fileName: z.string(),
  size: z.number(),
  receivedAt: z.string(),
});
