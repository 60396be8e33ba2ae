import { CloudUploadOutlined, DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Progress, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../components/http';
import { useCurrentUser } from '../../auth/hooks';
import { rosterApi, type ImportJob, type RowError } from '../api';

const PHASE: Record<ImportJob['progress']['phase'], string> = { reading: '读取文件', validating: '逐行校验', writing: '写入数据库', done: '完成', failed: '失败' };

/** 导入党员: template → upload → dry run with row-level errors → error workbook → commit (all or nothing). */
export function ImportPage() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [allowPartial, setAllowPartial] = useState(false);
  const [jobId, setJobId] = useState<number | null>(null);
  const [uploading, setUploading] = useState(false);
  const job = useQuery({
    queryKey: ['roster', 'import', jobId],
    queryFn: () => rosterApi.job(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 400 : false),
  });

  const start = async (dryRun: boolean) => {
    if (!file) return;
    setUploading(true);
    try {
      const { id } = await rosterApi.upload(file, dryRun, allowPartial, me.csrfToken);
      setJobId(id);
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: ['roster'] });
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setUploading(false);
    }
  };

  const j = job.data;
  const running = uploading || j?.status === 'running';
  const report = j?.report;
  const pct = j && j.progress.total > 0 ? Math.round((j.progress.done / j.progress.total) * 100) : j?.status === 'done' ? 100 : 5;
  const step = !file ? 0 : !report ? 1 : report.errors.length > 0 && report.imported === 0 ? 2 : 3;

  return (
    <div data-testid="roster-import" style={{ maxWidth: 1100 }}>
      <Typography.Title level={4}>导入党员信息</Typography.Title>
      <Steps size="small" current={step} style={{ marginBottom: 16 }} items={[{ title: '下载模板' }, { title: '上传并校验' }, { title: '修正错误' }, { title: '确认导入' }]} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={rosterApi.templateUrl} data-testid="roster-template">下载导入模板</Button>
          <Typography.Text type="secondary">前11列为必备列（姓名、性别、民族、公民身份号码……党组织编码），日期可写作 2015-07-01、2015.7.1 或 2015年7月1日。</Typography.Text>
        </Space>
      </Card>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          beforeUpload={(f) => {
            if (!/\.xlsx$/i.test(f.name)) {
              void message.error('只支持.xlsx格式的Excel工作簿');
              return Upload.LIST_IGNORE;
            }
            setFile(f);
            setJobId(null);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setJobId(null);
          }}
          data-testid="roster-import-file"
        >
          <p className="ant-upload-drag-icon"><FileExcelOutlined /></p>
          <p className="ant-upload-text">点击或拖入填好的党员信息工作簿（.xlsx，30MB以内）</p>
        </Upload.Dragger>
        <Space wrap style={{ marginTop: 12 }}>
          <Button type="primary" ghost disabled={!file || running} onClick={() => void start(true)} data-testid="roster-dry-run">校验（不写入）</Button>
          <Button type="primary" icon={<CloudUploadOutlined />} disabled={!file || running} onClick={() => void start(false)} data-testid="roster-commit">确认导入</Button>
          <Checkbox checked={allowPartial} onChange={(e) => setAllowPartial(e.target.checked)} data-testid="roster-allow-partial">有错误时仅导入有效行</Checkbox>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          默认“全部正确才导入”：只要有一行有错，就不写入任何数据。
        </Typography.Paragraph>
      </Card>
      {running && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="roster-import-progress">
          <Typography.Text>{j ? PHASE[j.progress.phase] : '上传文件'}{j && j.progress.total > 0 ? `（${j.progress.done}/${j.progress.total}）` : j && j.progress.done > 0 ? `（已读 ${j.progress.done} 行）` : ''}</Typography.Text>
          <Progress percent={pct} status="active" />
        </Card>
      )}
      {j?.status === 'failed' && <Alert type="error" showIcon message="文件无法导入" description={j.fileError} data-testid="roster-file-error" style={{ marginBottom: 12 }} />}
      {j?.status === 'interrupted' && (
        <Alert type="warning" showIcon message={<Space><Tag color="orange">已中断</Tag>导入未完成</Space>} description={j.fileError} data-testid="roster-import-interrupted" style={{ marginBottom: 12 }} />
      )}
      {report && j && (
        <Card size="small" data-testid="roster-import-report">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert
              showIcon
              type={report.errors.length === 0 ? 'success' : report.imported > 0 ? 'warning' : 'error'}
              message={
                j.dryRun
                  ? `校验完成：共 ${report.total} 行，有效 ${report.valid} 行，错误 ${report.errors.length} 条${report.errors.length === 0 ? '，可以确认导入' : ''}`
                  : report.imported > 0
                    ? `导入完成：共 ${report.total} 行，已导入 ${report.imported} 行${report.errors.length ? `，${report.errors.length} 条错误未导入` : ''}`
                    : `未导入：共 ${report.total} 行，发现 ${report.errors.length} 条错误，按“全部正确才导入”的规则未写入任何数据`
              }
              data-testid="roster-import-summary"
            />
            {j.hasErrorWorkbook && (
              <Button icon={<DownloadOutlined />} href={rosterApi.errorWorkbookUrl(j.id)} data-testid="roster-error-workbook">下载错误标注工作簿</Button>
            )}
            {report.errors.length > 0 && (
              <Table<RowError>
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
                dataSource={report.errors}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                scroll={{ x: 600 }}
                data-testid="roster-import-errors"
                columns={[
                  { title: 'Excel行号', dataIndex: 'row', width: 90 },
                  { title: '列', dataIndex: 'column', width: 120, render: (c: string) => <Tag color="red">{c}</Tag> },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            )}
          </Space>
        </Card>
      )}
    </div>
  );
}
