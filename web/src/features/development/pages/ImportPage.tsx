import { CloudUploadOutlined, DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Progress,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../../components/http';
import { useCurrentUser } from '../../auth/hooks';
import { devAdminApi, type ImportFinding, type ImportResult, type ImportRowError } from '../api';
import { parseId } from '../components/ErrorView';

function downloadBase64(base64: string, fileName: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(
    new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 导入在途的发展党员流程: template → upload → dry run with row errors and history findings → error workbook → commit (all or nothing). */
export function ImportPage() {
  const params = useParams();
  const orgId = parseId(params.orgId);
  const me = useCurrentUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [allowPartial, setAllowPartial] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'checking'>('idle');
  const [pct, setPct] = useState(0);
  const [fileError, setFileError] = useState<string | null>(null);

  const start = async (dryRun: boolean) => {
    if (!file) return;
    setPhase('uploading');
    setPct(0);
    setResult(null);
    setFileError(null);
    try {
      const r = await devAdminApi.upload(file, { dryRun, allowPartial }, me.csrfToken, (p) => {
        setPct(p);
        if (p >= 100) setPhase('checking');
      });
      setResult(r);
      if (r.imported > 0) void queryClient.invalidateQueries({ queryKey: ['development'] });
    } catch (e) {
      setFileError(errorMessage(e));
    } finally {
      setPhase('idle');
    }
  };

  const running = phase !== 'idle';
  const step = !file ? 0 : !result ? 1 : result.errors.length > 0 && result.imported === 0 ? 2 : 3;
  const boardPath = `/orgs/${orgId ?? me.scope.orgId}/development`;
  return (
    <div data-testid="development-import" style={{ maxWidth: 1100 }}>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to={boardPath}>发展党员</Link> }, { title: '导入在途流程' }]}
      />
      <Typography.Title level={4}>导入在途的发展党员流程</Typography.Title>
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: '下载模板' }, { title: '上传并校验' }, { title: '修正错误' }, { title: '确认导入' }]}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href={devAdminApi.templateUrl}
            data-testid="development-template"
          >
            下载导入模板
          </Button>
          <Typography.Text type="secondary">
            每行一名申请人，已完成的步骤填写日期；日期可写作 2024-07-01、2024.7.1 或 2024年7月1日。
          </Typography.Text>
        </Space>
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          title="违反时限的历史记录照常导入"
          description="日期违反规定时限的（如谈话超过1个月、积极分子培养期不满1年、公示不足5个工作日），作为历史记录导入，标注“历史补录”，并在自查自纠中列出；日期无法识别、晚于今天、缺少前一步骤等错误则不导入。"
        />
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
            if (f.size > 10 * 1024 * 1024) {
              void message.error('文件超过10MB上限');
              return Upload.LIST_IGNORE;
            }
            setFile(f);
            setResult(null);
            setFileError(null);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setResult(null);
          }}
          data-testid="development-import-file"
        >
          <p className="ant-upload-drag-icon">
            <FileExcelOutlined />
          </p>
          <p className="ant-upload-text">点击或拖入填好的发展党员工作簿（.xlsx，10MB以内）</p>
        </Upload.Dragger>
        <Space wrap style={{ marginTop: 12 }}>
          <Button
            type="primary"
            ghost
            disabled={!file || running}
            onClick={() => void start(true)}
            data-testid="development-dry-run"
          >
            校验（不写入）
          </Button>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={!file || running}
            onClick={() => void start(false)}
            data-testid="development-commit"
          >
            确认导入
          </Button>
          <Checkbox
            checked={allowPartial}
            onChange={(e) => setAllowPartial(e.target.checked)}
            data-testid="development-allow-partial"
          >
            有错误时仅导入有效行
          </Checkbox>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          默认“全部正确才导入”：只要有一行有错，就不写入任何数据。
        </Typography.Paragraph>
      </Card>
      {running && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="development-import-progress">
          <Typography.Text>{phase === 'uploading' ? `上传文件（${pct}%）` : '逐行校验……'}</Typography.Text>
          <Progress percent={phase === 'uploading' ? Math.min(pct, 99) : 99} status="active" />
        </Card>
      )}
      {fileError && (
        <Alert
          type="error"
          showIcon
          title="文件无法导入"
          description={fileError}
          data-testid="development-file-error"
          style={{ marginBottom: 12 }}
        />
      )}
      {result && (
        <Card size="small" data-testid="development-import-report">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert
              showIcon
              type={result.errors.length === 0 ? 'success' : result.imported > 0 ? 'warning' : 'error'}
              title={
                result.dryRun
                  ? `校验完成：共 ${result.total} 行，有效 ${result.valid} 行，错误 ${result.errors.length} 条${result.errors.length === 0 ? '，可以确认导入' : ''}`
                  : result.imported > 0
                    ? `导入完成：共 ${result.total} 行，已导入 ${result.imported} 行${result.errors.length ? `，${result.errors.length} 条错误未导入` : ''}`
                    : `未导入：共 ${result.total} 行，发现 ${result.errors.length} 条错误，按“全部正确才导入”的规则未写入任何数据`
              }
              data-testid="development-import-summary"
            />
            {result.errorWorkbook && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  downloadBase64(
                    result.errorWorkbook!,
                    `${file?.name.replace(/\.xlsx$/i, '') ?? '发展党员'}.错误标注.xlsx`,
                  )
                }
                data-testid="development-error-workbook"
              >
                下载错误标注工作簿
              </Button>
            )}
            {result.errors.length > 0 && (
              <Table<ImportRowError>
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.code}-${e.message}`}
                dataSource={result.errors}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                scroll={{ x: 600 }}
                data-testid="development-import-errors"
                columns={[
                  { title: 'Excel行号', dataIndex: 'row', width: 90 },
                  {
                    title: '列',
                    dataIndex: 'column',
                    width: 150,
                    render: (c: string) => <Tag color="red">{c}</Tag>,
                  },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            )}
            {result.findings.length > 0 && (
              <>
                <Typography.Text strong>
                  历史记录中违反规定的情况（{result.dryRun ? '导入时将接受' : '已接受'}，并列入自查自纠）：
                </Typography.Text>
                <Table<ImportFinding>
                  size="small"
                  rowKey={(f) => `${f.row}-${f.step}-${f.code}-${f.detail}`}
                  dataSource={result.findings}
                  pagination={{ pageSize: 20, showSizeChanger: false }}
                  scroll={{ x: 600 }}
                  data-testid="development-import-findings"
                  columns={[
                    { title: 'Excel行号', dataIndex: 'row', width: 90 },
                    { title: '申请人', dataIndex: 'candidate', width: 100 },
                    { title: '步骤', dataIndex: 'step', width: 70, render: (s: number) => `第${s}步` },
                    {
                      title: '问题及证据',
                      dataIndex: 'detail',
                      render: (d: string, f) => (
                        <span>
                          {d} <Tag color="orange">{f.code}</Tag>
                        </span>
                      ),
                    },
                  ]}
                />
              </>
            )}
            {!result.dryRun && result.imported > 0 && (
              <Link to={boardPath}>
                <Button>查看发展党员看板</Button>
              </Link>
            )}
          </Space>
        </Card>
      )}
    </div>
  );
}
