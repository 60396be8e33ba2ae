import { FileWordOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { useState } from 'react';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Row,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router-dom';
import { formatDate } from '../../../components/dates';
import { PageLoading } from '../../../components/PageLoading';
import { useCurrentUser } from '../../auth/hooks';
import type { StepRow } from '../api';
import { ErrorView, parseId } from '../components/ErrorView';
import { RecordStepForm } from '../components/RecordStepForm';
import { TerminateModal } from '../components/TerminateModal';
import { useCandidate } from '../hooks';

interface Person {
  name: string;
  category: string | null;
}
interface Vote {
  fullMembers: number;
  /** `reason`: records made before the approved cases (issue 16). */
  exclusions: { name: string; case?: string; note?: string; reason?: string }[];
  suspended?: number;
  present: number;
  for: number;
  against: number;
  abstain: number;
}

function summary(s: StepRow): string[] {
  const d = s.data;
  const out: string[] = [];
  if (d.talker) out.push(`谈话人：${String(d.talker)}`);
  if (d.method) out.push(`推荐方式：${String(d.method)}`);
  if (d.contacts) out.push(`培养联系人：${(d.contacts as Person[]).map((p) => p.name).join('、')}`);
  if (d.introducers)
    out.push(
      `入党介绍人：${(d.introducers as Person[]).map((p) => `${p.name}（${p.category ?? '非党员'}）`).join('、')}`,
    );
  if (d.summary) out.push(`考察意见：${String(d.summary)}`);
  if (d.conclusion) out.push(`政审结论：${String(d.conclusion)}`);
  if (d.trainingDays !== undefined || d.trainingHours !== undefined)
    out.push(`集中培训：${String(d.trainingDays ?? 0)}天 ${String(d.trainingHours ?? 0)}学时`);
  if (d.publicityStart)
    out.push(`公示：${formatDate(String(d.publicityStart))}至${formatDate(String(d.publicityEnd))}`);
  if (d.vote) {
    const v = d.vote as Vote;
    out.push(
      `正式党员${v.fullMembers}人，${v.suspended ? `受留党察看处分${v.suspended}人，` : ''}不计入${v.exclusions.length}人，应到${v.fullMembers - (v.suspended ?? 0) - v.exclusions.length}人，实到${v.present}人；赞成${v.for}、反对${v.against}、弃权${v.abstain}`,
    );
  }
  if (d.outcome)
    out.push(`表决事项：${String(d.outcome)}${d.extendMonths ? `（${String(d.extendMonths)}个月）` : ''}`);
  if (d.lateReason) out.push(`超期原因：${String(d.lateReason)}`);
  if (d.note) out.push(`备注：${String(d.note)}`);
  return out;
}

export function CandidatePage() {
  const params = useParams();
  const me = useCurrentUser();
  const id = parseId(params.id);
  const query = useCandidate(id);
  const [terminating, setTerminating] = useState(false);
  const home = `/orgs/${me.scope.orgId}`;
  if (query.error)
    return (
      <ErrorView error={query.error} homePath={home} what="发展党员记录" retry={() => void query.refetch()} />
    );
  if (!query.data) return <PageLoading />;
  const detail = query.data.data;
  const { candidate: c, steps, definitions, stages, violations, upcoming } = detail;
  const policies = query.data.policies;
  const hasPublicity = steps.some((s) => s.data.publicityStart);
  const hasVote = steps.some((s) => s.data.vote);
  const stageIndex = c.status === '正式党员' ? 5 : c.stage - 1;
  const closed = c.status === '已取消' || c.status === '已终止';
  const canTerminate = !!policies?.terminate && !closed && c.status !== '正式党员' && c.status !== '预备党员';
  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to={`/orgs/${c.orgId}/development`}>{c.orgName ?? '党支部'} · 发展党员</Link> },
          { title: c.name },
        ]}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {c.name}
        </Typography.Title>
        <Tag color="red" data-testid="candidate-status">
          {c.status}
        </Tag>
        {violations.length === 0 ? (
          <Tag color="green" data-testid="audit-clear">
            自查无问题
          </Tag>
        ) : (
          <Tag color="red" icon={<WarningOutlined />}>
            {violations.length}项问题
          </Tag>
        )}
      </Space>
      {closed && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="candidate-closed"
          title={`${c.status === '已终止' ? '已终止发展' : '已取消预备党员资格'}${c.closedOn ? `（${formatDate(c.closedOn)}）` : ''}`}
          description={c.closedReason ? `原因：${c.closedReason}` : undefined}
        />
      )}
      <Steps
        size="small"
        current={stageIndex}
        items={[...stages, '已转正'].map((title) => ({ title }))}
        style={{ marginBottom: 16, overflowX: 'auto' }}
        responsive
      />
      {violations.map((v, i) => (
        <Alert
          key={i}
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="candidate-violation"
          title={`第${v.step}步：${v.detail}`}
          description={`依据：${v.ruleTitle ?? v.rule}（${v.code}）`}
        />
      ))}
      {upcoming.map((u, i) => (
        <Alert
          key={i}
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={`${formatDate(u.due)}：${u.what}`}
        />
      ))}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="基本情况" style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'g', label: '性别', children: c.gender },
                { key: 'id', label: '公民身份号码', children: c.idNumber },
                { key: 'b', label: '出生日期', children: formatDate(c.birthDate) },
                {
                  key: 'a',
                  label: '递交申请书',
                  children: `${formatDate(c.appliedOn)}（时年${c.ageAtApplication}周岁）`,
                },
                { key: 'o', label: '所在党支部', children: c.orgName },
                ...(c.probationEnd
                  ? [{ key: 'p', label: '预备期满', children: formatDate(c.probationEnd) }]
                  : []),
              ]}
            />
            <Space wrap style={{ marginTop: 8 }}>
              <Button
                icon={<FileWordOutlined />}
                disabled={!hasPublicity}
                href={`/api/development/candidates/${c.id}/documents/publicity.docx`}
              >
                公示（Word）
              </Button>
              {canTerminate && (
                <Button
                  danger
                  icon={<StopOutlined />}
                  onClick={() => setTerminating(true)}
                  data-testid="terminate-button"
                >
                  终止发展
                </Button>
              )}
              <Button
                icon={<FileWordOutlined />}
                disabled={!hasVote}
                href={`/api/development/candidates/${c.id}/documents/resolution.docx`}
              >
                支部大会决议（Word）
              </Button>
            </Space>
          </Card>
          <Card size="small" title="步骤时间轴">
            <Timeline
              data-testid="step-timeline"
              items={steps.map((s) => {
                const def = definitions.find((d) => d.no === s.step);
                const missing = (def?.materials ?? []).filter((m) => !s.materials.includes(m));
                return {
                  color: s.findingsWhenRecorded.length > 0 ? 'red' : 'green',
                  children: (
                    <div>
                      <Space wrap>
                        <Typography.Text strong>
                          第{s.step}步 {s.name}
                        </Typography.Text>
                        <Typography.Text type="secondary">{formatDate(s.doneOn)}</Typography.Text>
                        {s.asHistory && <Tag color="orange">历史补录</Tag>}
                      </Space>
                      {summary(s).map((line) => (
                        <div key={line} style={{ fontSize: 12 }}>
                          {line}
                        </div>
                      ))}
                      <div>
                        {s.materials.map((m) => (
                          <Tag key={m} color="blue">
                            {m}
                          </Tag>
                        ))}
                        {missing.map((m) => (
                          <Tag key={m} color="red">
                            缺：{m}
                          </Tag>
                        ))}
                      </div>
                    </div>
                  ),
                };
              })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {terminating && (
            <TerminateModal
              id={c.id}
              name={c.name}
              open={terminating}
              onClose={() => setTerminating(false)}
            />
          )}
          {!closed && (
            <RecordStepForm
              key={steps.length}
              detail={detail}
              canBranch={!!policies?.recordBranchStep}
              canCommittee={!!policies?.recordCommitteeStep}
            />
          )}
        </Col>
      </Row>
    </div>
  );
}
