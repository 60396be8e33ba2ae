import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Image, Space } from 'antd';
import { useRef } from 'react';
import { errorMessage, http } from '../../../components/http';

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(new Error('读取照片失败'));
    reader.readAsDataURL(file);
  });
}

/** 践诺 photo evidence of one progress entry: thumbnails, and an upload button for writers. */
export function ProgressPhotos({
  commitmentId,
  progressId,
  photos,
  canUpload,
}: {
  commitmentId: number;
  progressId: number;
  photos: Array<{ id: number; fileName: string }>;
  canUpload: boolean;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: async (file: File) =>
      http.post(`/api/commitments/${commitmentId}/progress/${progressId}/photos`, {
        fileName: file.name,
        mimeType: file.type,
        contentBase64: await toBase64(file),
      }),
    onSuccess: () => {
      void message.success('照片已上传');
      void qc.invalidateQueries({ queryKey: ['commitment', commitmentId] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Space wrap size={4}>
      <Image.PreviewGroup>
        {photos.map((p) => (
          <Image key={p.id} width={48} height={48} src={`/api/commitments/photos/${p.id}`} alt={p.fileName} />
        ))}
      </Image.PreviewGroup>
      {canUpload && (
        <>
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png"
            style={{ display: 'none' }}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) upload.mutate(f);
              e.target.value = '';
            }}
          />
          <Button size="small" loading={upload.isPending} onClick={() => input.current?.click()}>
            添加照片
          </Button>
        </>
      )}
    </Space>
  );
}
