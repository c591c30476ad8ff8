use std::collections::BTreeMap;
fn main() {
    let root = std::path::Path::new("public/plans");
    let mut all = BTreeMap::new();
    for e in std::fs::read_dir(root).unwrap() {
        let p = e.unwrap().path().join("index.html");
        if p.exists() { all.insert(format!("plans/{}", p.strip_prefix(root).unwrap().to_string_lossy()), std::fs::read(&p).unwrap()); }
    }
    let t = std::time::Instant::now();
    let out = gazette::search::index_pages(&all).unwrap();
    println!("{} pages -> {} files in {:?}", all.len(), out.len(), t.elapsed());
}
