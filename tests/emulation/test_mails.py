"""The council is told of each objection (in each member's language), the objector of the answer."""

from __future__ import annotations


def test_objection_and_answer_mailed(world, in_notice, smtp_server, django_capture_on_commit_callbacks):
    from dxday.emulation import services

    notice, (first, _second) = in_notice
    world.council[2].language = "en"
    world.council[2].save()
    with django_capture_on_commit_callbacks(execute=True):
        objection = services.file_objection(
            notice=notice, nomination=first, author="Trần Văn E", contact="e@example.vn", text="Cần xác minh"
        )
    by_address = {m["to"][0]: m for m in smtp_server.messages}
    assert sorted(by_address) == ["hd_doan@example.test", "hd_noivu@example.test", "hd_tuphap@example.test"]
    unit = "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai"
    assert (
        by_address["hd_noivu@example.test"]["subject"].strip()  # the parsed header keeps a space
        == f"Phản ánh mới về danh sách đề nghị khen thưởng: {unit}"
    )
    assert (
        by_address["hd_tuphap@example.test"]["subject"].strip()
        == f"New objection to the nominees for commendation: {unit}"
    )
    assert by_address["hd_noivu@example.test"]["body"].splitlines() == [
        "Trần Văn E phản ánh:",
        "",
        "Cần xác minh",
        "",
        "Trả lời tại: http://127.0.0.1:8000/emulation/council/",
    ]
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_objection(actor=world.council[1], objection=objection, answer="Đã xác minh.")
    [mail] = smtp_server.messages
    assert (mail["to"], mail["subject"].strip()) == (["e@example.vn"], "Hội đồng đã trả lời phản ánh của bạn")
    assert mail["body"].splitlines()[3:5] == ["Trả lời của hội đồng:", "Đã xác minh."]


def test_answer_to_a_phone_contact_sends_no_mail(
    world, in_notice, smtp_server, django_capture_on_commit_callbacks
):
    from dxday.emulation import services

    notice, (first, _second) = in_notice
    objection = services.file_objection(
        notice=notice, nomination=first, author="F", contact="0912345678", text="?"
    )
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_objection(actor=world.council[1], objection=objection, answer="Đúng.")
    assert smtp_server.messages == []
