// What each load in progress stored and what storage refused, so that several loads in one worker (a voice and a
// recognizer warming up together) each report, and on failure take back, only their own files.

/** One load's record. Cache keys are the files' Hub URLs, so a write belongs to the load of the repo in its path. */
export class LoadRecord {
  readonly written: string[] = [];
  /** Refused with QuotaExceededError: the load goes on, the person is told. */
  readonly refused: { key: string; bytes: number }[] = [];

  constructor(private readonly repo: string) {}

  owns(key: string): boolean {
    return key.includes(`/${this.repo}/resolve/`);
  }

  /** What the load result reports: files it downloaded, and what could not be kept. */
  summary(): { downloadedFiles: number; notStored?: { files: number; bytes: number } } {
    const { written, refused } = this;
    return {
      downloadedFiles: written.length + refused.length,
      ...(refused.length > 0 ? { notStored: { files: refused.length, bytes: refused.reduce((sum, f) => sum + f.bytes, 0) } } : {}),
    };
  }
}

/** The loads under way; the model file cache's hooks report each write here. */
export class LoadRecords {
  private readonly open = new Set<LoadRecord>();

  begin(repo: string): LoadRecord {
    const record = new LoadRecord(repo);
    this.open.add(record);
    return record;
  }

  end(record: LoadRecord): void {
    this.open.delete(record);
  }

  stored(key: string): void {
    for (const record of this.open) if (record.owns(key)) record.written.push(key);
  }

  refused(key: string, bytes: number): void {
    for (const record of this.open) if (record.owns(key)) record.refused.push({ key, bytes });
  }
}
