from dxday.extract.clusters import find_clusters


def test_find_clusters_host_and_members():
    text = (
        "b) Địa điểm: theo từng cụm, cụ thể:\n"
        "- Cụm 1: Đơn vị đăng cai UBND huyện An Phú, các đơn vị tham gia: UBND huyện Bình Minh, "
        "UBND thị xã Cao Sơn.\n"
        "- Cụm 2: đơn vị đăng cai là UBND thành phố Đông Hà; thành viên gồm: UBND huyện Gia Lâm và UBND huyện Hòa Vang\n"
    )
    assert find_clusters(text) == [
        {
            "name": "Cụm 1",
            "host": "UBND huyện An Phú",
            "members": ["UBND huyện Bình Minh", "UBND thị xã Cao Sơn"],
        },
        {
            "name": "Cụm 2",
            "host": "UBND thành phố Đông Hà",
            "members": ["UBND huyện Gia Lâm", "UBND huyện Hòa Vang"],
        },
    ]


def test_find_clusters_ignores_mentions_without_units():
    assert find_clusters("Các hoạt động tại Trung tâm Hội nghị và Cụm 1, Cụm 2 gồm các hoạt động sau:") == []
    assert find_clusters("") == []
