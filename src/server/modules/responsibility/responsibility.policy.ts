// Who may do what in 党建责任制 (roles; subtree checks happen in the services).
import type { Role } from '../../../core/auth/roles.ts';

/** 责任清单 and 责任书: the people who run organisations. */
export const RESP_READERS: readonly Role[] = ['org_admin', 'worker'];
export const RESP_WRITERS: readonly Role[] = ['org_admin', 'worker'];
/** 责任书 are issued by the committee's administrators. */
export const LETTER_ISSUERS: readonly Role[] = ['org_admin'];
/** 问责: committees' administrators; the auditor (三员) reads only. */
export const ACC_READERS: readonly Role[] = ['org_admin', 'audit_admin'];
export const ACC_WRITERS: readonly Role[] = ['org_admin'];
