// Evidence for a nomination, looked up by id in the modules that own it. Read-only; isolated
// here so the lookups can move behind those modules' services without touching the rest.
import type { Kysely, Transaction } from 'kysely';
import type { EvidenceKind } from '../../../core/commitments/commendations.rules.ts';
import type { DB } from '../../db/schema.ts';
import { findEntry, findSubject } from '../evaluation/evaluation.repository.ts';
import { findMeeting } from '../org-life/org-life.repository.ts';
import { findCommitment, PUBLISHED_STATUSES } from './commitments.repository.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface EvidenceFact {
  kind: EvidenceKind;
  id: number;
  /** null when the object does not exist. */
  orgPath: string | null;
  /** Published / held / graded: a result that can back a nomination. */
  usable: boolean;
  label: string;
}

export async function lookUpEvidence(db: Q, kind: EvidenceKind, id: number): Promise<EvidenceFact> {
  const none = { kind, id, orgPath: null, usable: false, label: '' };
  switch (kind) {
    case 'commitment': {
      const c = await findCommitment(db, id);
      if (!c) return none;
      const usable = (PUBLISHED_STATUSES as readonly string[]).includes(c.status);
      return { kind, id, orgPath: c.org_path, usable, label: `${c.year}年${c.type}：${c.title}` };
    }
    case 'evaluation': {
      const s = await findSubject(db, id);
      if (!s) return none;
      return {
        kind,
        id,
        orgPath: s.org_path,
        usable: s.grade !== null,
        label: `述职评议：${s.name}（${s.grade ?? '未评定'}）`,
      };
    }
    case 'member_review': {
      const e = await findEntry(db, id);
      if (!e) return none;
      return {
        kind,
        id,
        orgPath: e.org_path,
        usable: e.grade !== null,
        label: `民主评议党员：${e.name}（${e.grade ?? '未评定'}）`,
      };
    }
    case 'meeting': {
      const m = await findMeeting(db, id);
      if (!m) return none;
      return {
        kind,
        id,
        orgPath: m.org_path,
        usable: m.status === 'held',
        label: `${m.held_on} ${m.type}：${m.title}`,
      };
    }
  }
}
