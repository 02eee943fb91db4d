from marsad.clean.urls import canonical_url


def test_percent_encoded_and_readable_paths_are_one_url():
    encoded = "https://news.example/articles/3293433-%D9%83%D8%B1%D8%AF%D8%B3%D8%AA%D8%A7%D9%86"
    assert canonical_url(encoded) == canonical_url("https://news.example/articles/3293433-كردستان")


def test_case_default_port_and_fragment_do_not_make_another_url():
    assert canonical_url("HTTPS://News.Example:443/a/b#comments") == "https://news.example/a/b"
    assert canonical_url("http://news.example:8080/a") == "http://news.example:8080/a"


def test_query_is_kept_and_non_http_is_left_alone():
    assert canonical_url("https://news.example/item?id=7") == "https://news.example/item?id=7"
    assert canonical_url("urn:uuid:1234") == "urn:uuid:1234"
    assert canonical_url(None) is None
