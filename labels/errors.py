"""What labels and printers tell the operator: one sentence each, in English and Chinese.

Print failures are stored on the print job as a :class:`~warehouse.words.Message` (the key and
its parameters), so the job history reads in each operator's language. No parameter ever
carries receiver data.
"""

from __future__ import annotations

from typing import Self

from warehouse.errors import WarehouseError
from warehouse.words import Message, Words, register

CATALOG = register(
    {
        "labels.font_missing": Words(
            en="The Chinese label font {path} is missing: install the Debian package fonts-wqy-zenhei (apt-get install fonts-wqy-zenhei).",
            zh="缺少面单中文字体 {path}：请安装 Debian 软件包 fonts-wqy-zenhei（apt-get install fonts-wqy-zenhei）。",
        ),
        "labels.not_found": Words(
            en="No order or parcel {ref} is known.",
            zh="找不到订单或包裹 {ref}。",
        ),
        "labels.no_parcels": Words(
            en="Order {order} has no parcels yet: pack it at a packing station before printing its shipping label.",
            zh="订单 {order} 还没有包裹：请先在打包台打包，再打印面单。",
        ),
        "labels.voided": Words(
            en="Label {tracking} is void (its parcel was reopened at packing): print the order's labels instead.",
            zh="面单 {tracking} 已作废（其包裹在打包台重新打开过）：请改为打印该订单的面单。",
        ),
        "labels.unpacked": Words(
            en="Parcel {tracking} was unpacked and its goods put away (its order was cancelled): there is no label to print.",
            zh="包裹 {tracking} 已拆包上架（订单已取消）：没有可打印的面单。",
        ),
        "labels.no_tracking": Words(
            en="Parcel {parcel} of order {order} has no tracking number yet, so its label cannot be printed.",
            zh="订单 {order} 的包裹 {parcel} 还没有运单号，无法打印面单。",
        ),
        "labels.bad_sscc": Words(
            en="SSCC {sscc} is not 18 digits with a correct check digit.",
            zh="SSCC {sscc} 不是 18 位数字或校验位错误。",
        ),
        "labels.printer_unknown": Words(
            en="No printer named {printer} is configured in [[printers]].",
            zh="[[printers]] 中没有名为 {printer} 的打印机。",
        ),
        "labels.wrong_format": Words(
            en="Printer {printer} takes {wanted} documents, and this one is {given}.",
            zh="打印机 {printer} 只接受 {wanted} 文档，此文档是 {given}。",
        ),
        "labels.job_unknown": Words(
            en="No print job {job} is recorded.",
            zh="没有打印任务 {job} 的记录。",
        ),
        "labels.refused": Words(
            en="Printer {printer} at {target} refused the connection: check that it is switched on and on the network.",
            zh="打印机 {printer}（{target}）拒绝连接：请检查是否开机并已联网。",
        ),
        "labels.timeout": Words(
            en="Printer {printer} at {target} did not answer within {seconds} s: check its network cable and that it is not busy.",
            zh="打印机 {printer}（{target}）在 {seconds} 秒内没有响应：请检查网线以及打印机是否忙碌。",
        ),
        "labels.unreachable": Words(
            en="Printer {printer} at {target} cannot be reached ({detail}): check the address in config.toml and the network.",
            zh="无法连接打印机 {printer}（{target}，{detail}）：请检查 config.toml 中的地址和网络。",
        ),
        "labels.queue_missing": Words(
            en="The CUPS queue {target} of printer {printer} does not exist: add it with lpadmin or correct its target in config.toml.",
            zh="打印机 {printer} 的 CUPS 队列 {target} 不存在：请用 lpadmin 添加，或修改 config.toml 中的 target。",
        ),
        "labels.out_of_paper": Words(
            en="Printer {printer} is out of paper (CUPS reports {reason}): load labels, then reprint the job.",
            zh="打印机 {printer} 缺纸（CUPS 报告 {reason}）：请装入面单纸后重打此任务。",
        ),
        "labels.cups_down": Words(
            en="CUPS does not answer, so printer {printer} cannot print: start cupsd, then reprint the job.",
            zh="CUPS 没有响应，打印机 {printer} 无法打印：请启动 cupsd 后重打此任务。",
        ),
        "labels.cups_refused": Words(
            en="CUPS did not accept the job for printer {printer} ({detail}).",
            zh="CUPS 没有接受打印机 {printer} 的任务（{detail}）。",
        ),
        "labels.lp_missing": Words(
            en="The lp command is missing: install the Debian package cups-client.",
            zh="缺少 lp 命令：请安装 Debian 软件包 cups-client。",
        ),
        "labels.folder_unwritable": Words(
            en="The folder {target} of printer {printer} cannot be written ({detail}).",
            zh="打印机 {printer} 的文件夹 {target} 无法写入（{detail}）。",
        ),
        "labels.kept_for_reprint": Words(
            en="Print job {job} is kept: reprint it with 'wms labels reprint {job}'.",
            zh="打印任务 {job} 已保留：可用 'wms labels reprint {job}' 重打。",
        ),
    }
)


class LabelError(WarehouseError):
    """A label or slip cannot be made, or a printer is not usable as configured."""

    message: Message

    @classmethod
    def key(cls, key: str, **params: object) -> Self:
        error = cls.of(CATALOG[key], **params)
        error.message = Message.of(key, **params)
        return error


class PrintFailed(LabelError):
    """The printer (or CUPS) did not take the document; the job is kept for a reprint."""

    job_id: int | None = None
    """The kept job, once it is recorded."""
