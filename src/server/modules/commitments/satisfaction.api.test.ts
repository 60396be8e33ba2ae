import { expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../../../test/api-harness.ts';
import { describeEachEngine } from '../../../../test/db-harness.ts';

describeEachEngine('评诺 满意度测评 through the voting engine (anonymous, single-use tokens)', (use) => {
  let t: TestApp;
  let id = 0;
  let tokens: string[] = [];
  const cast = (token: string, grade: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/voting/ballots',
      payload: { token, marks: { [String(id)]: grade } },
    });
  const audits = async (action: string) =>
    t.ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', action).execute();

  it('opens one anonymous box for a published commitment; tokens are returned once and never audited', async () => {
    t = await openTestApp(use());
    const a = await t.login('admin_a');
    const made = await a.request('POST', '/api/commitments', {
      orgId: t.fixture.branchA.id,
      committerKind: 'org',
      type: '年度承诺',
      year: 2026,
      title: '修缮东村文化礼堂',
      content: '年内完工',
    });
    id = made.json().data.id;
    const early = await a.request('POST', `/api/commitments/${id}/satisfaction`, { ballots: 3 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('NOT_PUBLISHED');
    await t.ctx.db
      .updateTable('cm_commitments')
      .set({ status: 'in_progress', opinion_ends_on: '2026-02-01', published_on: '2026-02-10' })
      .where('id', '=', id)
      .execute();
    const bad = await a.request('POST', `/api/commitments/${id}/satisfaction`, { ballots: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('ballots');
    const res = await a.request('POST', `/api/commitments/${id}/satisfaction`, { ballots: 4 });
    expect(res.statusCode).toBe(201);
    tokens = res.json().data.tokens;
    expect(tokens).toHaveLength(4);
    expect(new Set(tokens).size).toBe(4);
    expect(res.json().data.links[0]).toBe(`/vote#${tokens[0]}`);
    const again = await a.request('POST', `/api/commitments/${id}/satisfaction`, { ballots: 4 });
    expect(again.json().error.code).toBe('SATISFACTION_OPENED');
    const rows = await audits('commitment.satisfaction.open');
    expect(rows).toHaveLength(1);
    for (const tk of tokens) expect(JSON.stringify(rows[0]!.detail)).not.toContain(tk);
  });

  it('members or the public vote once per token, without login', async () => {
    expect((await cast(tokens[0]!, '满意')).statusCode).toBe(200);
    expect((await cast(tokens[1]!, '基本满意')).statusCode).toBe(200);
    expect((await cast(tokens[2]!, '不满意')).statusCode).toBe(200);
    const reuse = await cast(tokens[0]!, '不满意');
    expect(reuse.statusCode).toBe(409);
    expect(reuse.json().error.code).toBe('TOKEN_USED');
    const wrong = await cast(tokens[3]!, '很满意');
    expect(wrong.statusCode).toBe(400);
    const s = await t.login('admin_a');
    const detail = (await s.request('GET', `/api/commitments/${id}`)).json().data;
    expect(detail.satisfactionVote).toMatchObject({ status: 'open', expected: 4, cast: 3, rate: 66.7 });
  });

  it('评诺 closes the box and takes the 满意率 as the result; a hand-typed figure is refused', async () => {
    const s = await t.login('admin_a');
    const manual = await s.request('POST', `/api/commitments/${id}/grade`, {
      selfAssessment: '按期完成',
      leaderGrade: '较好',
      satisfaction: 99,
    });
    expect(manual.statusCode).toBe(400);
    expect(manual.json().error.code).toBe('SATISFACTION_FROM_VOTES');
    const graded = await s.request('POST', `/api/commitments/${id}/grade`, {
      selfAssessment: '按期完成',
      leaderGrade: '较好',
    });
    expect(graded.statusCode).toBe(200);
    expect(graded.json().data).toMatchObject({ status: 'graded', leaderGrade: '较好', satisfaction: 66.7 });
    const late = await cast(tokens[3]!, '满意');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('VOTING_CLOSED');
    const detail = (await s.request('GET', `/api/commitments/${id}`)).json().data;
    expect(detail.satisfactionVote).toMatchObject({ status: 'closed', cast: 3, rate: 66.7 });
  });
});
