use super::*;

fn files(list: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
    list.iter()
        .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
        .collect()
}

fn write_atomically(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    let s = Staging::begin(out)?;
    s.write(files)?;
    s.commit()?;
    Ok(())
}

/// Every file under `root`, relative, with its text.
fn tree(root: &Path) -> BTreeMap<String, String> {
    list_tree(root)
        .into_iter()
        .filter(|(_, is_dir)| !is_dir)
        .map(|(rel, _)| {
            let text = std::fs::read_to_string(root.join(&rel)).unwrap();
            (rel, text)
        })
        .collect()
}

#[test]
fn replaces_the_whole_folder_and_refuses_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_atomically(&out, &files(&[("a/b.txt", "one")])).unwrap();
    write_atomically(&out, &files(&[("c.txt", "two")])).unwrap();
    assert!(!out.join("a/b.txt").exists());
    assert_eq!(std::fs::read(out.join("c.txt")).unwrap(), b"two");
    for bad in ["../x", "a/../../x", "./x", "a//b"] {
        assert!(
            write_atomically(&out, &files(&[(bad, "x")])).is_err(),
            "{bad} is refused"
        );
    }
    assert_eq!(
        std::fs::read(out.join("c.txt")).unwrap(),
        b"two",
        "a failed write keeps the last output"
    );
    assert!(
        !dir.path().join(".public.new").exists(),
        "the staging folder is cleaned up"
    );
}

#[test]
fn staged_parts_land_together() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let s = Staging::begin(&out).unwrap();
    s.write(&files(&[("index.html", "i")])).unwrap();
    assert!(!out.exists(), "nothing visible before commit");
    s.write(&files(&[("pagefind/x.pf", "p")])).unwrap();
    s.commit().unwrap();
    assert_eq!(
        tree(&out),
        BTreeMap::from([
            ("index.html".to_string(), "i".to_string()),
            ("pagefind/x.pf".to_string(), "p".to_string())
        ])
    );
}

#[test]
fn a_recycled_output_ends_up_exactly_the_new_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let first = files(&[
        ("index.html", "1"),
        ("a/index.html", "a1"),
        ("gone/deep/index.html", "g"),
        ("becomes-dir", "file"),
        ("becomes-file/x.txt", "x"),
        ("a-b/index.html", "ab"),
    ]);
    let second = files(&[("index.html", "2"), ("a/index.html", "a2")]);
    let third = files(&[
        ("index.html", "3"),
        ("becomes-dir/index.html", "d"),
        ("becomes-file", "f"),
        ("a-b/index.html", "ab3"),
    ]);
    write_atomically(&out, &first).unwrap();
    write_atomically(&out, &second).unwrap();
    assert!(
        old_path(&out).is_dir(),
        "the replaced output is kept for reuse"
    );
    // The third build reuses the first one's folder.
    write_atomically(&out, &third).unwrap();
    let expected: BTreeMap<String, String> = third
        .iter()
        .map(|(k, v)| (k.clone(), String::from_utf8(v.clone()).unwrap()))
        .collect();
    assert_eq!(tree(&out), expected);
    assert!(!out.join("gone").exists(), "emptied folders are removed");
    assert!(!dir.path().join(".public.new").exists());
}

#[test]
fn a_failed_build_in_a_recycled_folder_keeps_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_atomically(&out, &files(&[("index.html", "1")])).unwrap();
    write_atomically(&out, &files(&[("index.html", "2")])).unwrap();
    {
        let s = Staging::begin(&out).unwrap();
        s.write(&files(&[("index.html", "3")])).unwrap();
        // dropped without commit
    }
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"2");
    assert!(!dir.path().join(".public.new").exists());
    write_atomically(&out, &files(&[("other.html", "4")])).unwrap();
    assert_eq!(
        tree(&out),
        BTreeMap::from([("other.html".to_string(), "4".to_string())])
    );
}

#[test]
fn files_made_in_pieces_are_added_to_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let s = Staging::begin(&out).unwrap();
    // A file not written yet cannot be added to: its first piece is lost.
    let err = s.append(&files(&[("data/site.json", "x")])).unwrap_err();
    assert!(err.to_string().contains("data/site.json"), "{err}");
    s.write(&files(&[("data/site.json", "{\"a\":")])).unwrap();
    s.append(&files(&[("data/site.json", "[1,")])).unwrap();
    s.append(&files(&[("data/site.json", "2]}")])).unwrap();
    s.commit().unwrap();
    assert_eq!(tree(&out)["data/site.json"], "{\"a\":[1,2]}");
}
