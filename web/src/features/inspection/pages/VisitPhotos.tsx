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

/** 现场照片 of a visit: thumbnails, and an upload button for the issuer's side. */
export function VisitPhotos({
  visitId,
  photos,
  canUpload,
}: {
  visitId: number;
  photos: Array<{ id: number; fileName: string }>;
  canUpload: boolean;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: async (file: File) =>
      http.post(`/api/inspections/visits/${visitId}/photos`, {
        fileName: file.name,
        mimeType: file.type,
        contentBase64: await toBase64(file),
      }),
    onSuccess: () => {
      void message.success('照片已上传');
      void qc.invalidateQueries({ queryKey: ['inspections', 'visit', visitId] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (photos.length === 0 && !canUpload) return <span>无</span>;
  return (
    <Space wrap size={8}>
      <Image.PreviewGroup>
        {photos.map((p) => (
          <Image key={p.id} width={96} height={96} src={`/api/inspections/photos/${p.id}`} alt={p.fileName} />
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
            上传现场照片
          </Button>
        </>
      )}
    </Space>
  );
}
