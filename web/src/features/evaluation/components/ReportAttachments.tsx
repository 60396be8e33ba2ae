import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, List, Space, Typography } from 'antd';
import { useRef } from 'react';
import { errorMessage } from '../../../components/http';
import { evaluationApi, type Subject } from '../api';

const TYPES = ['image/jpeg', 'image/png', 'application/pdf'];
const MAX_BYTES = 10 * 1024 * 1024; // mirrors evaluation.attachment.maxBytes; the server decides

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('读取文件失败'));
    r.readAsDataURL(file);
  });
}

/** Files of a 述职报告: upload (JPEG, PNG, PDF ≤ 10MB), download, remove while reporting. */
export function ReportAttachments({ subject, editable }: { subject: Subject; editable: boolean }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: async (file: File) =>
      evaluationApi.uploadAttachment(subject.id, {
        fileName: file.name,
        mimeType: file.type,
        contentBase64: await toBase64(file),
      }),
    onSuccess: () => {
      void message.success('附件已上传');
      void qc.invalidateQueries({ queryKey: ['evaluation'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (key: string) => evaluationApi.removeAttachment(subject.id, key),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['evaluation'] }),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const files = subject.attachments ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <List
        size="small"
        dataSource={files}
        locale={{ emptyText: '暂无附件' }}
        renderItem={(f) => (
          <List.Item
            actions={
              editable && f.key
                ? [
                    <Button
                      key="rm"
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={`删除${f.name}`}
                      onClick={() => remove.mutate(f.key!)}
                    />,
                  ]
                : []
            }
          >
            {/^(https?:\/\/|\/api\/)/.test(f.url) ? (
              <Typography.Link href={f.url} target="_blank" rel="noreferrer">
                <PaperClipOutlined /> {f.name}
                {f.sizeBytes ? `（${Math.ceil(f.sizeBytes / 1024)}KB）` : ''}
              </Typography.Link>
            ) : (
              <Typography.Text>
                <PaperClipOutlined /> {f.name}
              </Typography.Text>
            )}
          </List.Item>
        )}
      />
      {editable && (
        <>
          <input
            ref={input}
            type="file"
            accept={TYPES.join(',')}
            style={{ display: 'none' }}
            data-testid="report-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              if (!TYPES.includes(file.type)) return void message.error('只允许上传JPEG、PNG图片或PDF文件');
              if (file.size > MAX_BYTES) return void message.error('文件超过10MB');
              upload.mutate(file);
            }}
          />
          <Button icon={<UploadOutlined />} loading={upload.isPending} onClick={() => input.current?.click()}>
            上传附件（JPEG、PNG、PDF，单个不超过10MB）
          </Button>
        </>
      )}
    </Space>
  );
}
