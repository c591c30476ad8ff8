use super::*;

fn site() -> BTreeMap<String, Vec<u8>> {
    let mut f = BTreeMap::new();
    let page =
        |t: &str| format!("<!DOCTYPE html><html><body><h1>{t}</h1></body></html>").into_bytes();
    f.insert("index.html".to_string(), page("首页"));
    f.insert("plans/keji/index.html".to_string(), page("科技"));
    f.insert("404.html".to_string(), page("未找到"));
    f.insert("assets/style.css".to_string(), b"body{}".to_vec());
    f.insert("assets/site.js".to_string(), b"1".to_vec());
    f.insert("data/site.json".to_string(), b"{}".to_vec());
    f.insert("feed.xml".to_string(), b"<feed/>".to_vec());
    f.insert(
        "pagefind/wasm.zh-cn.pagefind".to_string(),
        vec![0, 97, 115, 109],
    );
    f.insert("pagefind/pagefind.js".to_string(), b"export{}".to_vec());
    f.insert("data/tasks.csv".to_string(), b"a,b".to_vec());
    f
}

#[test]
fn pages_get_utf8_html_with_the_live_script() {
    let r = respond(&site(), "GET", "/");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
    let html = String::from_utf8(r.body).unwrap();
    assert!(html.contains("首页"), "{html}");
    assert!(html.contains(&format!("{LIVE_SCRIPT}</body>")), "{html}");
    let r = respond(&site(), "GET", "/plans/keji/");
    assert!(String::from_utf8(r.body).unwrap().contains("科技"));
    let r = respond(&site(), "GET", "/plans/keji/index.html?x=1#y");
    assert_eq!(r.status, 200);
}

#[test]
fn content_types_follow_the_extension() {
    for (path, ty) in [
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/assets/site.js", "text/javascript; charset=utf-8"),
        ("/data/site.json", "application/json"),
        ("/feed.xml", "application/xml; charset=utf-8"),
        ("/pagefind/wasm.zh-cn.pagefind", "application/wasm"),
        ("/pagefind/pagefind.js", "text/javascript; charset=utf-8"),
        ("/data/tasks.csv", "text/csv; charset=utf-8"),
        ("/__gazette/live.js", "text/javascript; charset=utf-8"),
    ] {
        let r = respond(&site(), "GET", path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("Content-Type"), Some(ty), "{path}");
    }
    assert_eq!(content_type("x.wasm"), "application/wasm");
    // Only pages get the script.
    let css = respond(&site(), "GET", "/assets/style.css");
    assert_eq!(css.body, b"body{}");
}

#[test]
fn missing_pages_get_the_404_page_with_status_404() {
    let r = respond(&site(), "GET", "/plans/nope/");
    assert_eq!(r.status, 404);
    assert!(String::from_utf8(r.body).unwrap().contains("未找到"));
    let mut bare = site();
    bare.remove("404.html");
    assert_eq!(respond(&bare, "GET", "/x").status, 404);
}

#[test]
fn a_folder_without_its_slash_is_redirected() {
    let r = respond(&site(), "GET", "/plans/keji?q=1");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location"), Some("/plans/keji/?q=1"));
}

#[test]
fn only_get_and_head_are_served() {
    for m in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let r = respond(&site(), m, "/");
        assert_eq!(r.status, 405, "{m}");
        assert_eq!(r.header("Allow"), Some("GET, HEAD"));
    }
    let get = respond(&site(), "GET", "/assets/style.css");
    let head = respond(&site(), "HEAD", "/assets/style.css");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("Content-Length"),
        Some(get.body.len().to_string().as_str())
    );
    assert_eq!(head.header("Content-Type"), get.header("Content-Type"));
}

#[test]
fn path_traversal_is_refused_in_every_spelling() {
    for target in [
        "/../Cargo.toml",
        "/plans/../../etc/passwd",
        "/%2e%2e/etc/passwd",
        "/%2E%2E%2Fetc%2Fpasswd",
        "/plans/..%2f..%2fsecret",
        "/..\\secret",
        "/%5c..%5csecret",
        "/a/%00",
        "/./index.html",
        "/%ff",
        "/%zz",
        "relative",
    ] {
        let r = respond(&site(), "GET", target);
        assert_eq!(r.status, 400, "{target}");
    }
    assert_eq!(
        decode_path("/plans/%E7%A7%91/"),
        Ok("plans/科/".to_string())
    );
}

#[test]
fn the_live_script_goes_before_the_last_body_end() {
    let html = b"<p>a</body>b</body>c";
    assert_eq!(
        String::from_utf8(with_live_script(html)).unwrap(),
        format!("<p>a</body>b{LIVE_SCRIPT}</body>c")
    );
    assert!(
        String::from_utf8(with_live_script(b"<p>x"))
            .unwrap()
            .ends_with(LIVE_SCRIPT)
    );
}
