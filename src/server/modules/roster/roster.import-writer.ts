// Writes imported members batch by batch inside the caller's transaction, as a pipeline: each
// batch is handed to the encryption worker as soon as it is full, and the database writes the
// batches one after another while the caller goes on (reading the file, or encrypting the next
// batch). The caller decides whether the transaction commits: the writer only writes.
import type { Transaction } from 'kysely';
import type { MemberDraft } from '../../../core/roster/import.rules.ts';
import type { AppContext } from '../../context.ts';
import { encryptFieldsOffThread } from '../../crypto/field-crypto-pool.ts';
import type { DB } from '../../db/schema.ts';
import * as repo from './roster.repository.ts';

export interface GoodRow {
  row: number;
  draft: MemberDraft;
  bidx: string;
}

export type OrgFacts = Awaited<ReturnType<typeof repo.findOrgsByCodes>> extends Map<string, infer F> ? F : never;

export interface ImportWriterOptions {
  ctx: AppContext;
  trx: Transaction<DB>;
  rowsPerBatch: number;
  /** Encryption contexts of the fields (the import's, so the stored format stays one). */
  addressContext: string;
  /** The rows of one batch as database rows, given their encrypted fields in request order. */
  build(batch: readonly GoodRow[], encrypted: readonly string[], orgs: ReadonlyMap<string, OrgFacts>): repo.NewMember[];
  /** Organisations already looked up (all of them when the file was validated first). */
  knownOrgs?: ReadonlyMap<string, OrgFacts>;
  onWritten?(imported: number): void;
}

/** A promise that may reject while the caller awaits something else gets a handler now. */
const observed = <T>(p: Promise<T>): Promise<T> => {
  p.catch(() => undefined);
  return p;
};

export class ImportWriter {
  imported = 0;
  firstId: number | null = null;
  lastId: number | null = null;
  /** The first write error (the transaction cannot go on after it). */
  failure: unknown = null;
  private buffer: GoodRow[] = [];
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly orgs: Map<string, OrgFacts>;

  constructor(private readonly o: ImportWriterOptions) {
    this.orgs = new Map(o.knownOrgs ?? []);
  }

  /** Queues a row (in file order); a full batch starts on its way. */
  offer(row: GoodRow): void {
    if (this.stopped) return;
    this.buffer.push(row);
    if (this.buffer.length >= this.o.rowsPerBatch) this.flush();
  }

  /** No more writes (the import will be refused and rolled back). */
  stop(): void {
    this.stopped = true;
    this.buffer = [];
  }

  /** Writes what is queued and waits for every batch; throws the first write error. */
  async finish(): Promise<void> {
    this.flush();
    await this.chain;
    if (this.failure) throw this.failure;
  }

  /** Stops and waits until no statement is running on the transaction. */
  async abandon(): Promise<void> {
    this.stop();
    await this.chain;
  }

  private flush(): void {
    if (this.stopped || this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    const encrypted = observed(this.encrypt(batch));
    this.chain = this.chain
      .then(() => this.write(batch, encrypted))
      .catch((e: unknown) => {
        this.failure ??= e;
        this.stopped = true;
      });
  }

  private encrypt(batch: readonly GoodRow[]): Promise<string[]> {
    const items: [string, string][] = [];
    for (const { draft: m } of batch) {
      items.push(['persons.id_number', m.idNumber]);
      if (m.phone) items.push(['persons.phone', m.phone]);
      if (m.address) items.push([this.o.addressContext, m.address]);
    }
    return encryptFieldsOffThread(this.o.ctx.ring, items);
  }

  private async write(batch: readonly GoodRow[], encrypted: Promise<string[]>): Promise<void> {
    if (this.stopped) return;
    const missing = [...new Set(batch.map((d) => d.draft.orgCode))].filter((c) => !this.orgs.has(c));
    if (missing.length > 0) {
      // Another connection: the transaction's own is busy writing (PostgreSQL only; on SQLite
      // every organisation is known before the transaction starts).
      for (const [code, org] of await repo.findOrgsByCodes(this.o.ctx.db, missing)) this.orgs.set(code, org);
    }
    // An unknown code: the file's check will refuse the import, so nothing more is written.
    if (batch.some((d) => !this.orgs.has(d.draft.orgCode))) {
      this.stop();
      return;
    }
    const members = this.o.build(batch, await encrypted, this.orgs);
    const ids = await repo.insertMembers(this.o.trx, this.o.ctx.engine, members);
    this.firstId ??= ids[0] ?? null;
    this.lastId = ids.at(-1) ?? this.lastId;
    this.imported += ids.length;
    this.o.onWritten?.(this.imported);
  }
}
