// 登记缴纳: a cash or bank payment the branch received, with its receipt number.
import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio } from 'antd';
import { chinaToday } from '../../../components/dates';
import { showDuesError } from '../form';
import { duesApi, fenOf, monthLabel, yuan, type LedgerRow } from '../api';
import { DateInput } from '../DateInputs';

interface Values {
  method: 'cash' | 'bank';
  amount: string;
  receiptNo: string;
  paidOn: string;
}

export function PaymentDialog({
  row,
  onClose,
  onDone,
}: {
  row: LedgerRow;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const outstanding = row.dueFen - row.reducedFen - row.paidFen;
  const save = useMutation({
    mutationFn: (v: Values) =>
      duesApi.recordPayment({
        personId: row.personId,
        months: [row.month],
        amountFen: fenOf(v.amount) ?? -1,
        method: v.method,
        receiptNo: v.receiptNo.trim(),
        paidOn: v.paidOn,
      }),
    onSuccess: () => {
      void message.success(`已登记${row.name}${monthLabel(row.month)}党费`);
      onDone();
    },
    onError: (e) => {
      showDuesError(
        form,
        e,
        { amountFen: 'amount', months: 'amount', receiptNo: 'receiptNo', paidOn: 'paidOn', method: 'method' },
        (t) => void message.error(t),
      );
    },
  });
  return (
    <Modal
      open
      title={`登记缴纳 · ${row.name} · ${monthLabel(row.month)}`}
      okText="登记"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ method: 'cash', amount: yuan(outstanding), receiptNo: '', paidOn: chinaToday() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="method" label="缴纳方式">
          <Radio.Group
            options={[
              { value: 'cash', label: '现金' },
              { value: 'bank', label: '银行转账' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label="金额（元）"
          extra={`本月应缴 ${yuan(outstanding)} 元`}
          rules={[
            {
              validator: (_, v: string) =>
                fenOf(v ?? '') !== null
                  ? Promise.resolve()
                  : Promise.reject(new Error('请填写金额，最多两位小数')),
            },
          ]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item
          name="receiptNo"
          label="收据号"
          rules={[{ required: true, whitespace: true, message: '请填写收据号' }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="paidOn" label="缴纳日期" rules={[{ required: true, message: '请填写缴纳日期' }]}>
          <DateInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
