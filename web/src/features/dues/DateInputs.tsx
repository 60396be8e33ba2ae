// Month and date fields as antd pickers (Chinese month names from dayjs; the browser's native
// month input would name months in the browser's own language). Values stay text: 'YYYY-MM' and
// 'YYYY-MM-DD', so forms and the API never see a Date.
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';

interface Props {
  value?: string | null;
  onChange?: (value: string) => void;
  id?: string;
  style?: CSSProperties;
  allowClear?: boolean;
  'aria-label'?: string;
}

export function MonthInput({ value, onChange, ...rest }: Props) {
  return (
    <DatePicker
      picker="month"
      format="YYYY年M月"
      allowClear={false}
      value={value ? dayjs(`${value}-01`) : null}
      onChange={(d) => d && onChange?.(d.format('YYYY-MM'))}
      {...rest}
    />
  );
}

export function DateInput({ value, onChange, ...rest }: Props) {
  return (
    <DatePicker
      format="YYYY年M月D日"
      allowClear={false}
      value={value ? dayjs(value) : null}
      onChange={(d) => d && onChange?.(d.format('YYYY-MM-DD'))}
      {...rest}
    />
  );
}
