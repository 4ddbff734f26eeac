"""Hand-labelled answers for every lead/partner/responsibility unit mention in the seed gold files.

Each mention maps to what a correct resolver answers, given the document's province and year:
- ("unit", full registry name, structure) — one body;
- ("group", kinds) — a collective mention covering registry units of these kinds;
- ("generic",) — a collective mention that names no fixed set of bodies;
- ("unresolved",) — a real body the registry does not hold (created during review).
"""

L, C = "legacy", "2025"

EXPECTED = {
    # 000: decision of Bình Dương (2023)
    ("000", "Các cơ quan báo, đài"): ("group", {"press"}),
    ("000", "Người đứng đầu các cơ quan, đơn vị, địa phương"): ("generic",),
    ("000", "Sở Thông tin và Truyền thông"): ("unit", "Sở Thông tin và Truyền thông tỉnh Bình Dương", L),
    ("000", "các cơ quan, đơn vị, địa phương có liên quan"): ("generic",),
    # 001: plan of Đồng Nai (2024)
    ("001", "Báo Đồng Nai"): ("unit", "Báo Đồng Nai", L),
    ("001", "Các cơ quan báo chí tỉnh"): ("group", {"press"}),
    ("001", "Các doanh nghiệp CNTT - Viễn thông"): ("group", {"enterprise"}),
    ("001", "Các sở, ban, ngành, tổ chức chính trị - xã hội"): (
        "group",
        {"department", "office", "mass_org"},
    ),
    ("001", "Công an tỉnh"): ("unit", "Công an tỉnh Đồng Nai", L),
    ("001", "Công ty TNHH MTV Điện lực Đồng Nai"): ("unit", "Công ty Điện lực Đồng Nai", L),
    ("001", "Sở Công Thương"): ("unit", "Sở Công Thương tỉnh Đồng Nai", L),
    ("001", "Sở Công thương"): ("unit", "Sở Công Thương tỉnh Đồng Nai", L),
    ("001", "Sở Giáo dục và Đào tạo"): ("unit", "Sở Giáo dục và Đào tạo tỉnh Đồng Nai", L),
    ("001", "Sở Khoa học và Công nghệ"): ("unit", "Sở Khoa học và Công nghệ tỉnh Đồng Nai", L),
    ("001", "Sở Nông nghiệp và Phát triển Nông thôn"): (
        "unit",
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Đồng Nai",
        L,
    ),
    ("001", "Sở Nông nghiệp và Phát triển nông thôn"): (
        "unit",
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Đồng Nai",
        L,
    ),
    ("001", "Sở Nội vụ"): ("unit", "Sở Nội vụ tỉnh Đồng Nai", L),
    ("001", "Sở Thông tin và Truyền thông"): ("unit", "Sở Thông tin và Truyền thông tỉnh Đồng Nai", L),
    ("001", "Sở Tài chính"): ("unit", "Sở Tài chính tỉnh Đồng Nai", L),
    ("001", "Sở Văn hóa, Thể thao và Du lịch"): ("unit", "Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Nai", L),
    ("001", "Sở Y tế"): ("unit", "Sở Y tế tỉnh Đồng Nai", L),
    ("001", "Thư viện các huyện, thành phố"): ("generic",),
    ("001", "Thư viện tỉnh"): ("unit", "Thư viện tỉnh Đồng Nai", L),
    ("001", "Trường Đại học Lạc Hồng"): ("unresolved",),
    ("001", "Tổ công nghệ số cộng đồng"): ("unresolved",),
    ("001", "UBND các huyện, thành phố Biên Hòa và Long Khánh"): ("group", {"committee"}),
    ("001", "UBND các huyện, thành phố Long Khánh và thành phố Biên Hòa"): ("group", {"committee"}),
    ("001", "UBND huyện Trảng Bom"): ("unit", "Ủy ban nhân dân huyện Trảng Bom", L),
    ("001", "UBND huyện Định Quán"): ("unit", "Ủy ban nhân dân huyện Định Quán", L),
    ("001", "UBND thành phố Biên Hòa"): ("unit", "Ủy ban nhân dân thành phố Biên Hòa", L),
    ("001", "Văn phòng UBND tỉnh"): ("unit", "Văn phòng Ủy ban nhân dân tỉnh Đồng Nai", L),
    ("001", "Văn phòng Ủy ban nhân dân tỉnh"): ("unit", "Văn phòng Ủy ban nhân dân tỉnh Đồng Nai", L),
    ("001", "các Ngân hàng"): ("generic",),
    ("001", "các doanh nghiệp viễn thông trên địa bàn tỉnh"): ("group", {"enterprise"}),
    ("001", "các đơn vị liên quan"): ("generic",),
    ("001", "các đơn vị, địa phương"): ("generic",),
    ("001", "Đoàn TNCS HCM tỉnh"): ("unit", "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai", L),
    ("001", "Đài PTTH Đồng Nai"): ("unit", "Đài Phát thanh và Truyền hình Đồng Nai", L),
    ("001", "Đài Phát thanh và Truyền hình Đồng Nai"): ("unit", "Đài Phát thanh và Truyền hình Đồng Nai", L),
    ("001", "Đội ứng cứu sự cố An toàn thông tin tỉnh"): (
        "unit",
        "Đội ứng cứu sự cố an toàn thông tin mạng tỉnh Đồng Nai",
        L,
    ),
    # 002: plan of Quảng Ngãi (2022)
    ("002", "Các Hội đoàn thể tỉnh"): ("group", {"mass_org"}),
    ("002", "Các cơ quan báo chí trên địa tỉnh"): ("group", {"press"}),
    ("002", "Các doanh nghiệp bưu chính, viễn thông, công nghệ thông tin"): ("group", {"enterprise"}),
    ("002", "Các sở, ban, ngành tỉnh"): ("group", {"department", "office"}),
    ("002", "Hiệp hội doanh nghiệp tỉnh"): ("unit", "Hiệp hội Doanh nghiệp tỉnh Quảng Ngãi", L),
    ("002", "Hội Tin học"): ("unit", "Hội Tin học tỉnh Quảng Ngãi", L),
    ("002", "Sở Thông tin và Truyền thông"): ("unit", "Sở Thông tin và Truyền thông tỉnh Quảng Ngãi", L),
    ("002", "Sở Tài chính"): ("unit", "Sở Tài chính tỉnh Quảng Ngãi", L),
    ("002", "Sở Văn hóa, Thể thao và Du lịch"): (
        "unit",
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi",
        L,
    ),
    ("002", "Trường Đại học, Cao đẳng, Trung cấp trên địa bàn tỉnh"): ("generic",),
    ("002", "Văn phòng UBND tỉnh"): ("unit", "Văn phòng Ủy ban nhân dân tỉnh Quảng Ngãi", L),
    ("002", "các cơ quan, đơn vị có liên quan"): ("generic",),
    ("002", "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh"): (
        "unit",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Quảng Ngãi",
        L,
    ),
    ("002", "Ủy ban nhân dân các huyện, thị xã, thành phố"): ("group", {"committee"}),
    # 003: letter of the Ministry (2022), national
    ("003", "Bộ Thông tin và Truyền thông"): ("unit", "Bộ Thông tin và Truyền thông", C),
    ("003", "các bộ, ngành, địa phương"): ("generic",),
    # 004: news from Đắk Lắk (2023)
    ("004", "Các cơ quan, đơn vị, địa phương, tổ chức, doanh nghiệp"): ("generic",),
    ("004", "người đứng đầu cơ quan, tổ chức, địa phương, doanh nghiệp"): ("generic",),
}
