import { PaperClipOutlined, QrcodeOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  QRCode,
  Result,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { chinaToday, formatDate } from '../../../components/dates';
import { errorMessage, isApiError } from '../../../components/http';
import { NoPermission } from '../../../components/NoPermission';
import { NotFound } from '../../../components/NotFound';
import { orgLifeApi, type AttendanceEntry, type Meeting, type MeetingPolicies } from '../api';
import { useInvalidateLife, useMeeting } from '../hooks';
import { meetingHeadcount } from '../../../../../src/core/org-life/headcount.ts';
import { STATUS_LABEL } from './MeetingCalendarPage';

const ATTENDANCE_COLOR: Record<string, string> = {
  出席: 'green',
  请假: 'gold',
  缺席: 'red',
  待签到: 'blue',
  不计入: 'default',
};

export function MeetingPage() {
  const id = Number(useParams().id);
  const query = useMeeting(id);
  if (query.error) {
    if (isApiError(query.error) && query.error.status === 403) return <NoPermission homePath="/" />;
    if (isApiError(query.error) && query.error.status === 404)
      return <NotFound title="会议不存在" homePath="/" />;
    return <Result status="error" title="加载会议失败" subTitle={errorMessage(query.error)} />;
  }
  if (!query.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  return <MeetingView key={id} meeting={query.data.data} policies={query.data.policies!} />;
}

function MeetingView({ meeting: m, policies }: { meeting: Meeting; policies: MeetingPolicies }) {
  const invalidate = useInvalidateLife();
  const { message } = App.useApp();
  const [signIn, setSignIn] = useState<{ url: string; expiresAt: string } | null>(null);
  const [leaveFor, setLeaveFor] = useState<AttendanceEntry | null>(null);

  const mark = async (entry: AttendanceEntry, status: string, reason?: string, exclusion?: string) => {
    try {
      await orgLifeApi.attendance(m.id, {
        personId: entry.personId,
        status,
        ...(reason ? { reason } : {}),
        ...(exclusion ? { exclusion } : {}),
      });
      invalidate();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const issue = async () => {
    try {
      const code = await orgLifeApi.signInCode(m.id);
      setSignIn({ url: window.location.origin + code.path, expiresAt: code.expiresAt });
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const columns = [
    { title: '姓名', dataIndex: 'name', key: 'name' },
    {
      title: '出勤',
      dataIndex: 'status',
      key: 'status',
      render: (s: string, r: AttendanceEntry) => (
        <Space size={4} wrap>
          <Tag color={ATTENDANCE_COLOR[s]}>{s}</Tag>
          {r.method === 'qr' && <Typography.Text type="secondary">扫码</Typography.Text>}
          {r.method === 'organiser' && <Typography.Text type="secondary">代签</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '事由',
      dataIndex: 'reason',
      key: 'reason',
      responsive: ['md' as const],
      render: (v: string | null) => v ?? '',
    },
    ...(policies.attendance
      ? [
          {
            title: '登记',
            key: 'actions',
            render: (_: unknown, r: AttendanceEntry) => (
              <Space size={4} wrap>
                {r.status !== '出席' && (
                  <Button
                    size="small"
                    onClick={() => void mark(r, '出席', m.locked ? '组织者补登' : '组织者代签到')}
                  >
                    代签到
                  </Button>
                )}
                {r.status !== '请假' && (
                  <Button size="small" onClick={() => setLeaveFor(r)}>
                    请假/不计入
                  </Button>
                )}
                {r.status !== '缺席' && m.status !== 'scheduled' && (
                  <Button
                    size="small"
                    danger
                    onClick={() => void mark(r, '缺席', m.locked ? '组织者更正' : undefined)}
                  >
                    缺席
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span>{m.title}</span>
            <Tag>{m.type}</Tag>
            <Tag color={STATUS_LABEL[m.status]?.color}>{STATUS_LABEL[m.status]?.text}</Tag>
            {m.locked && <Tag color="orange">记录已锁定</Tag>}
          </Space>
        }
        extra={<Link to={`/orgs/${m.orgId}/org-life`}>返回日历</Link>}
      >
        <Descriptions column={{ xs: 1, sm: 2, md: 3 }} size="small">
          <Descriptions.Item label="组织">{m.orgName}</Descriptions.Item>
          <Descriptions.Item label="日期">
            {formatDate(m.heldOn)}
            {m.startTime ? ` ${m.startTime}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="地点">{m.place ?? '—'}</Descriptions.Item>
          {m.type === '党课' && <Descriptions.Item label="主讲人">{m.speaker ?? '—'}</Descriptions.Item>}
          {m.type === '党课' && <Descriptions.Item label="题目">{m.topic ?? '—'}</Descriptions.Item>}
          <Descriptions.Item label="记录录入">
            {m.recordedOn ? formatDate(m.recordedOn) : '未录入'}
          </Descriptions.Item>
        </Descriptions>
        <Space size="large" wrap style={{ marginTop: 12 }}>
          {meetingHeadcount(m.status, m.counts).map((h) => (
            <Statistic key={h.key} title={h.label} value={h.value} data-testid={`meeting-count-${h.key}`} />
          ))}
        </Space>
      </Card>

      {policies.signInCode && (
        <Card title="扫码签到" size="small">
          {signIn ? (
            <Space direction="vertical" align="center" style={{ width: '100%' }}>
              <QRCode value={signIn.url} size={200} />
              <Typography.Text type="secondary">
                有效期至 {new Date(signIn.expiresAt).toLocaleTimeString('zh-CN')}，过期后请重新生成
              </Typography.Text>
              <Typography.Link href={signIn.url} data-testid="sign-in-link" copyable={{ text: signIn.url }}>
                {signIn.url}
              </Typography.Link>
              <Button onClick={() => void issue()}>重新生成</Button>
            </Space>
          ) : (
            <Button type="primary" icon={<QrcodeOutlined />} onClick={() => void issue()}>
              生成签到二维码
            </Button>
          )}
        </Card>
      )}

      <Card
        title="出勤登记"
        size="small"
        extra={
          <Button size="small" onClick={invalidate}>
            刷新
          </Button>
        }
      >
        <Table
          rowKey="personId"
          size="small"
          columns={columns}
          dataSource={m.attendance}
          pagination={m.attendance.length > 50 ? { pageSize: 50 } : false}
          scroll={{ x: true }}
        />
      </Card>

      <RecordCard meeting={m} canEdit={policies.record} />

      <AttachmentsCard meeting={m} canUpload={policies.record} />

      <LeaveModal
        entry={leaveFor}
        exclusions={m.exclusions}
        onClose={() => setLeaveFor(null)}
        onSubmit={async (status, reason, exclusion) => {
          await mark(leaveFor!, status, reason, exclusion);
          setLeaveFor(null);
        }}
      />
    </Space>
  );
}

const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];
const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('读取文件失败'));
    reader.readAsDataURL(file);
  });
}

/** Photos and PDFs of the meeting (签到表, 会场照片): listed with download links; writers upload. */
function AttachmentsCard({ meeting: m, canUpload }: { meeting: Meeting; canUpload: boolean }) {
  const invalidate = useInvalidateLife();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const upload = async (file: File) => {
    if (!ATTACHMENT_TYPES.includes(file.type)) return message.error('只允许上传JPEG、PNG图片或PDF文件');
    if (file.size > ATTACHMENT_MAX_BYTES) return message.error('附件不能超过10MB');
    setUploading(true);
    try {
      await orgLifeApi.uploadAttachment(m.id, {
        fileName: file.name,
        mimeType: file.type,
        contentBase64: await toBase64(file),
      });
      message.success(`已上传${file.name}`);
      invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setUploading(false);
    }
  };
  return (
    <Card
      title="附件"
      size="small"
      extra={
        canUpload && m.status !== 'cancelled' ? (
          <Upload
            accept={ATTACHMENT_TYPES.join(',')}
            showUploadList={false}
            beforeUpload={(file) => (void upload(file), false)}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading}>
              上传附件
            </Button>
          </Upload>
        ) : null
      }
    >
      {m.attachments.length === 0 ? (
        <Typography.Text type="secondary">
          暂无附件（可上传签到表、会场照片等，JPEG、PNG或PDF，单个不超过10MB）
        </Typography.Text>
      ) : (
        <Space direction="vertical">
          {m.attachments.map((a) => (
            <Typography.Link key={a.id} href={`/api/org-life/attachments/${a.id}`} download={a.fileName}>
              <PaperClipOutlined /> {a.fileName}（{Math.max(1, Math.round(a.sizeBytes / 1024))} KB）
            </Typography.Link>
          ))}
        </Space>
      )}
    </Card>
  );
}

function LeaveModal({
  entry,
  exclusions,
  onClose,
  onSubmit,
}: {
  entry: AttendanceEntry | null;
  exclusions: Meeting['exclusions'];
  onClose: () => void;
  onSubmit: (status: string, reason: string, exclusion?: string) => Promise<void>;
}) {
  const [form] = Form.useForm<{ status: string; reason: string; exclusion?: string }>();
  const status = Form.useWatch('status', form);
  return (
    <Modal
      open={entry !== null}
      title={`登记${entry?.name ?? ''}的请假或不计入`}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      destroyOnHidden
      onOk={() => void form.validateFields().then((v) => onSubmit(v.status, v.reason, v.exclusion))}
    >
      <Form form={form} layout="vertical" initialValues={{ status: '请假' }}>
        <Form.Item name="status" label="类别">
          <Select
            options={[
              { value: '请假', label: '请假' },
              { value: '不计入', label: '不计入应到会人数' },
            ]}
          />
        </Form.Item>
        {status === '不计入' && (
          <Form.Item
            name="exclusion"
            label="规定情形"
            rules={[{ required: true, message: '请选择规定的情形' }]}
          >
            <Select options={exclusions.map((e) => ({ value: e.code, label: e.label }))} />
          </Form.Item>
        )}
        <Form.Item name="reason" label="事由" rules={[{ required: true, message: '请填写事由' }]}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RecordCard({ meeting: m, canEdit }: { meeting: Meeting; canEdit: boolean }) {
  const [form] = Form.useForm<{
    agenda?: string;
    minutes: string;
    resolutions?: string;
    speaker?: string;
    topic?: string;
    reason?: string;
  }>();
  const invalidate = useInvalidateLife();
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setResult(null);
    try {
      await orgLifeApi.record(m.id, {
        minutes: v.minutes ?? '',
        ...(v.agenda ? { agenda: v.agenda } : {}),
        ...(v.resolutions ? { resolutions: v.resolutions } : {}),
        ...(v.speaker ? { speaker: v.speaker } : {}),
        ...(v.topic ? { topic: v.topic } : {}),
        ...(v.reason ? { reason: v.reason } : {}),
      });
      setResult({ ok: true, text: '会议记录已保存' });
      invalidate();
    } catch (e) {
      if (isApiError(e) && e.fields)
        form.setFields(
          Object.entries(e.fields)
            .filter(([k]) => ['agenda', 'minutes', 'resolutions', 'speaker', 'topic', 'reason'].includes(k))
            .map(([name, msg]) => ({ name: name as 'minutes', errors: [msg] })),
        );
      setResult({ ok: false, text: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  };
  const future = m.status === 'scheduled' && m.heldOn > chinaToday();
  return (
    <Card title="会议记录" size="small">
      {m.locked && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message="会议已过锁定期，修改记录须填写修改理由，修改将留痕。"
        />
      )}
      {result && (
        <Alert
          type={result.ok ? 'success' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          message={result.text}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        disabled={!canEdit}
        initialValues={{
          agenda: m.agenda ?? '',
          minutes: m.minutes ?? '',
          resolutions: m.resolutions ?? '',
          speaker: m.speaker ?? '',
          topic: m.topic ?? '',
        }}
      >
        <Form.Item name="agenda" label="议程">
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="minutes"
          label="会议记录（纯文本）"
          rules={[{ required: true, message: '请填写会议记录' }]}
        >
          <Input.TextArea rows={8} maxLength={50000} showCount />
        </Form.Item>
        <Form.Item name="resolutions" label="决议事项">
          <Input.TextArea rows={3} maxLength={10000} />
        </Form.Item>
        {m.type === '党课' && (
          <Space wrap>
            <Form.Item name="speaker" label="主讲人">
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="topic" label="党课题目">
              <Input maxLength={200} />
            </Form.Item>
          </Space>
        )}
        {m.locked && (
          <Form.Item
            name="reason"
            label="修改理由"
            rules={[{ required: true, message: '记录已锁定，请填写修改理由' }]}
          >
            <Input maxLength={500} />
          </Form.Item>
        )}
        {canEdit && (
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={saving}
            disabled={future}
            onClick={() => void save()}
          >
            保存会议记录
          </Button>
        )}
        {future && (
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            会议召开后才能录入记录
          </Typography.Text>
        )}
      </Form>
    </Card>
  );
}
