/**
 * The port to where customers' documents are kept (S3 on AWS, s3rver locally), and the layout of
 * their object keys. Domain code and handlers depend on this; ./s3-attachment-store.ts adapts it.
 */

/** Where a complaint's documents live: `complaints/<complaintId>/<attachmentId>`, no file names. */
export const attachmentObjectPrefix = (complaintId: string) => `complaints/${complaintId}/`;
export const attachmentObjectKey = (complaintId: string, attachmentId: string) =>
  `${attachmentObjectPrefix(complaintId)}${attachmentId}`;

export interface StoredObject {
  readonly objectKey: string;
  readonly size: number;
  readonly lastModified?: string;
}

/** An HTML form upload straight to the store (S3 POST policy): post `fields`, then the file, to `url`. */
export interface UploadForm {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface AttachmentStore {
  /** Stores the bytes; putting the same key again replaces them (a redelivery stores the same). */
  put(object: {
    readonly objectKey: string;
    readonly body: Uint8Array;
    readonly contentType: string;
  }): Promise<void>;
  /** A link that downloads the object as `fileName` for `expiresInSeconds`, then stops working. */
  downloadUrl(object: {
    readonly objectKey: string;
    readonly fileName: string;
    readonly contentType: string;
    readonly expiresInSeconds: number;
  }): Promise<string>;
  /**
   * A form that uploads one file to `objectKey` for `expiresInSeconds`: the store itself refuses a
   * file over `maxBytes` or of another content type.
   */
  uploadForm(upload: {
    readonly objectKey: string;
    readonly contentType: string;
    readonly maxBytes: number;
    readonly expiresInSeconds: number;
  }): Promise<UploadForm>;
  /** What the store holds for a complaint (uploads land here before anything records them). */
  list(complaintId: string): Promise<StoredObject[]>;
}
