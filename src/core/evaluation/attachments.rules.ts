// Attachments of a 述职报告: which files are accepted (type, size, how many). Pure.
import { ok, refuse, type Decision } from '../shared/result.ts';

export const REPORT_ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type ReportAttachmentType = (typeof REPORT_ATTACHMENT_TYPES)[number];

/** A stored attachment as kept in eval_subjects.attachments (an uploaded file has a key). */
export interface ReportAttachment {
  name: string;
  url: string;
  key?: string;
  mimeType?: string;
  sizeBytes?: number;
  sha256?: string;
}

export function checkReportAttachment(
  file: { mimeType: string; sizeBytes: number },
  existing: readonly ReportAttachment[],
  limits: { maxBytes: number; maxCount: number },
): Decision<void> {
  if (!(REPORT_ATTACHMENT_TYPES as readonly string[]).includes(file.mimeType))
    return refuse('FILE_TYPE', '只允许上传JPEG、PNG图片或PDF文件', 'mimeType');
  if (file.sizeBytes === 0) return refuse('FILE_EMPTY', '文件内容为空', 'contentBase64');
  if (file.sizeBytes > limits.maxBytes)
    return refuse(
      'FILE_TOO_LARGE',
      `文件超过${Math.round(limits.maxBytes / 1024 / 1024)}MB`,
      'contentBase64',
    );
  if (existing.length >= limits.maxCount)
    return refuse('TOO_MANY_FILES', `述职报告附件最多${limits.maxCount}个`, 'fileName');
  return ok(undefined);
}

/**
 * Saving the report replaces the linked attachments (name + address) and keeps the uploaded
 * files (those with a storage key), which are removed one by one.
 */
export function mergeAttachments(
  current: readonly ReportAttachment[],
  links: ReadonlyArray<{ name: string; url: string }>,
): ReportAttachment[] {
  return [...current.filter((a) => a.key), ...links.map((l) => ({ name: l.name, url: l.url }))];
}
