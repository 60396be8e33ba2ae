// 发展党员's alert source (预警) on both engines: a talk deadline coming (DEV_DEADLINE) and a talk
// overdue (DEV_VIOLATION) open when the applicant is registered, and close when the talk is
// recorded through the API (a late talk then stands as its own violation, TALK_LATE).
import { expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';
import { makeIdNumber } from './development.test-helpers.ts';

describeEachEngine('development alert source', (use) => {
  let t: TestApp;
  let worker: Session;

  const open = (code: string, subjectId: string) =>
    t.ctx.db
      .selectFrom('alerts')
      .selectAll()
      .where('code', '=', code)
      .where('subject_id', '=', subjectId)
      .where('is_open', '=', 1)
      .execute();

  const register = async (name: string, birth: string, seq: number, appliedOn: string) => {
    const res = await worker.request('POST', `/api/orgs/${t.fixture.branchA.id}/development/candidates`, {
      name,
      idNumber: makeIdNumber(birth, seq),
      appliedOn,
    });
    expect(res.statusCode).toBe(201);
    return res.json().data.candidate.id as number;
  };
  const talk = (id: number, doneOn: string, asHistory = false) =>
    worker.request('POST', `/api/development/candidates/${id}/steps`, {
      step: 2,
      doneOn,
      talker: '张明',
      materials: ['谈话记录'],
      ...(asHistory ? { asHistory } : {}),
    });

  it('DEV_DEADLINE opens with the applicant and closes when the talk is recorded', async () => {
    t = await openTestApp(use());
    worker = await t.login('worker_a');
    const id = await register('陈近', '1998-04-12', 123, '2026-11-02');
    const [due] = await open('DEV_DEADLINE', `${id}:2`);
    expect(due).toMatchObject({
      org_id: t.fixture.branchA.id,
      due: '2026-12-02',
      severity: 'yellow',
      link: `/development/candidates/${id}`,
      subject_label: '陈近',
    });
    expect((await talk(id, '2026-11-20')).statusCode).toBe(201);
    expect(await open('DEV_DEADLINE', `${id}:2`)).toHaveLength(0);
  });

  it('DEV_VIOLATION (talk overdue) closes when the talk is recorded; the late talk stays a violation of its own', async () => {
    const id = await register('林迟', '1995-07-07', 222, '2026-08-03');
    const [overdue] = await open('DEV_VIOLATION', `${id}:2:TALK_OVERDUE`);
    expect(overdue).toMatchObject({ org_id: t.fixture.branchA.id, severity: 'red' });
    expect(overdue!.detail).toContain('林迟');
    expect((await talk(id, '2026-11-20', true)).statusCode).toBe(201);
    expect(await open('DEV_VIOLATION', `${id}:2:TALK_OVERDUE`)).toHaveLength(0);
    expect(await open('DEV_VIOLATION', `${id}:2:TALK_LATE`)).toHaveLength(1);
    await t.app.close();
  });
});
