import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Result,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../../components/http';
import {
  COLUMN_TYPE_LABEL,
  STATUS_COLOR,
  fileToBase64,
  tasksApi,
  type Target,
  type TaskDetail,
} from '../api';

function StatusPie({ task }: { task: TaskDetail }) {
  const p = task.progress;
  const option = {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    color: ['#52c41a', '#d46b08', '#cf1322', '#bfbfbf'],
    series: [
      {
        type: 'pie',
        radius: ['40%', '65%'],
        label: { formatter: '{b} {c}' },
        data: [
          { name: '已报送', value: p.onTime },
          { name: '逾期报送', value: p.late },
          { name: '逾期未报', value: p.overdue },
          { name: '未报送', value: p.pending },
        ].filter((d) => d.value > 0),
      },
    ],
  };
  return <ReactECharts option={option} style={{ height: 220 }} notMerge />;
}

/** 报送 (or report again after 退回), with the Excel form when the task has one. */
function ReportForm({ task, target }: { task: TaskDetail; target: Target }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [form] = Form.useForm<{ text: string; attachmentsText?: string }>();
  const send = useMutation({
    mutationFn: async (v: { text: string; attachmentsText?: string }) =>
      tasksApi.report(task.id, target.orgId, {
        text: v.text,
        attachments: (v.attachmentsText ?? '')
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((name) => ({ name })),
        ...(file ? { form: { fileName: file.name, contentBase64: await fileToBase64(file) } } : {}),
      }),
    onSuccess: (t) => {
      void message.success(`已报送（${t.statusLabel}）`);
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card size="small" title={target.returned ? '重新报送' : '报送'}>
      {target.returned && (
        <Typography.Paragraph type="warning">退回原因：{target.returnReason}</Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
        <Form.Item name="text" label="报送内容" rules={[{ required: true, message: '请填写报送内容' }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="attachmentsText" label="附件（每行一个文件名或链接）">
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        {task.formColumns && (
          <Form.Item label="报表（Excel）" required>
            <Space wrap>
              <Button href={tasksApi.formUrl(task.id)}>下载报表模板</Button>
              <Upload
                accept=".xlsx"
                maxCount={1}
                beforeUpload={(f) => {
                  setFile(f);
                  return false;
                }}
                onRemove={() => setFile(null)}
              >
                <Button icon={<UploadOutlined />}>选择填好的报表</Button>
              </Upload>
            </Space>
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={send.isPending}>
          提交报送
        </Button>
      </Form>
    </Card>
  );
}

/** One task: progress and every target the caller may see, with 催报 / 退回 for the issuer. */
export function TaskPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [returning, setReturning] = useState<Target | null>(null);
  const [reason, setReason] = useState('');
  const q = useQuery({ queryKey: ['tasks', 'one', id], queryFn: () => tasksApi.get(id) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['tasks'] });
  const urge = useMutation({
    mutationFn: () => tasksApi.remind(id),
    onSuccess: (r) => {
      void message.success(`已催报${r.urged}个组织`);
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const sendBack = useMutation({
    mutationFn: (t: Target) => tasksApi.returnReport(id, t.orgId, reason),
    onSuccess: () => {
      void message.success('已退回，接收组织须重新报送');
      setReturning(null);
      setReason('');
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  const task = q.data?.data;
  const manage = q.data?.policies?.manage ?? false;
  const mine = task?.targets.find((t) => t.canReport);
  const rowKeys = task?.formColumns?.map((c) => c.name) ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="task-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {task?.title ?? '工作任务'}
        </Typography.Title>
        <Button onClick={() => navigate(-1)}>返回</Button>
      </Space>
      {task && (
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label="下达组织">
              <Link to={`/orgs/${task.issuerOrgId}/tasks?tab=outbox`}>{task.issuerName}</Link>
            </Descriptions.Item>
            <Descriptions.Item label="类型">
              {task.kindLabel}
              {task.overCap && (
                <Tag color="gold" style={{ marginLeft: 8 }}>
                  超减负上限
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="下达日期">{task.issuedOn}</Descriptions.Item>
            <Descriptions.Item label="截止日期">{task.deadline}</Descriptions.Item>
            <Descriptions.Item label="任务内容" span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {task.content}
              </Typography.Paragraph>
            </Descriptions.Item>
            {task.attachments.length > 0 && (
              <Descriptions.Item label="附件" span={2}>
                {task.attachments.map((a) =>
                  a.url ? (
                    <a key={a.name} href={a.url} target="_blank" rel="noreferrer" style={{ marginRight: 12 }}>
                      {a.name}
                    </a>
                  ) : (
                    <Tag key={a.name}>{a.name}</Tag>
                  ),
                )}
              </Descriptions.Item>
            )}
            {task.formColumns && (
              <Descriptions.Item label="报表列" span={2}>
                {task.formColumns.map((c) => (
                  <Tag key={c.name}>
                    {c.name}（{COLUMN_TYPE_LABEL[c.type]}
                    {c.required ? '，必填' : ''}）
                  </Tag>
                ))}
                <Button size="small" href={tasksApi.formUrl(task.id)}>
                  下载报表模板
                </Button>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}
      {task && mine && <ReportForm task={task} target={mine} />}
      {task && manage && (
        <Card
          size="small"
          title={`报送进度：${task.progress.reported}/${task.progress.total}`}
          extra={
            <Button
              onClick={() => urge.mutate()}
              loading={urge.isPending}
              disabled={task.progress.reported === task.progress.total}
            >
              催报
            </Button>
          }
        >
          <StatusPie task={task} />
        </Card>
      )}
      <Table<Target>
        rowKey="orgId"
        loading={q.isLoading}
        dataSource={task?.targets ?? []}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        expandable={{
          rowExpandable: (t) => !!t.reportText,
          expandedRowRender: (t) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {t.reportText}
              </Typography.Paragraph>
              {t.reportAttachments.map((a) => (
                <Tag key={a.name}>{a.name}</Tag>
              ))}
              {t.reportRows && (
                <Table
                  size="small"
                  rowKey={(_, i) => String(i)}
                  pagination={false}
                  dataSource={t.reportRows}
                  columns={rowKeys.map((k) => ({
                    title: k,
                    dataIndex: k,
                    render: (v: unknown) => (v ?? '—') as string,
                  }))}
                />
              )}
            </Space>
          ),
        }}
        columns={[
          { title: '接收组织', dataIndex: 'orgName' },
          {
            title: '报送情况',
            render: (_: unknown, t) => (
              <Space size={4}>
                <Tag color={STATUS_COLOR[t.status]}>{t.statusLabel}</Tag>
                {t.returned && <Tag color="orange">已退回</Tag>}
              </Space>
            ),
          },
          { title: '报送日期', dataIndex: 'submittedOn', render: (d: string | null) => d ?? '—' },
          {
            title: '退回',
            responsive: ['md'],
            render: (_: unknown, t) =>
              t.returnedCount > 0 ? `${t.returnedCount}次（${t.returnReason ?? ''}）` : '—',
          },
          ...(manage
            ? [
                {
                  title: '操作',
                  render: (_: unknown, t: Target) =>
                    t.submittedOn ? (
                      <Button size="small" danger onClick={() => setReturning(t)}>
                        退回
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={returning !== null}
        title={`退回${returning?.orgName ?? ''}的报送`}
        okText="确定退回"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim() === '', loading: sendBack.isPending }}
        onOk={() => returning && sendBack.mutate(returning)}
        onCancel={() => setReturning(null)}
      >
        <Input.TextArea
          rows={3}
          placeholder="退回原因（必填）"
          aria-label="退回原因"
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Space>
  );
}
