/** What a running sync reports through `onProgress`, as it happens. */
export type SyncProgress =
  | { type: 'tags-listed'; primary: number; secondary: number }
  | { type: 'blob-copied'; digest: string; bytes: number }
  | { type: 'blob-skipped'; digest: string }
  | { type: 'blob-mounted'; digest: string }
  | { type: 'manifest-pushed'; digest: string; reference: string }
  | { type: 'tag-synced'; tag: string; digest: string }
  | { type: 'tag-deleted'; tag: string; digest: string }
  | { type: 'tag-failed'; tag: string; reason: string };
