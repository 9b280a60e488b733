"""OUT/report.html: one self-contained page (inline CSS and JS, no network) to read a run.

The counts and charts are plain HTML; documents and clusters are embedded as compact JSON and
drawn by the page's script one page (50 rows) at a time, so a run of 100k documents stays a
file of bounded size that opens quickly. Each document row holds its removals (rule, place in
the clean text, text cut to ``REMOVAL_CHARS``); the clean text itself is embedded for the first
``DETAIL_DOCS`` documents only. Removal texts repeat across a site (the same prompts on every
page), so they are stored once in a string table.

Pure functions producing strings: each shard writes its documents' rows
(:class:`clean.records.Row`),
:mod:`clean.write` streams them through :func:`page`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Iterator
from typing import Any

from clean.records import Row

DETAIL_DOCS = 1000  # documents whose clean text is embedded (all get their removals)
TEXT_CHARS = 20_000  # of a document's clean text
REMOVAL_CHARS = 200  # of one removal's text
STRINGS_MAX = 200_000  # removal texts stored once; later new ones are written inline
# Rule colours: hues far apart in order, so the rules of one document rarely look alike.
HUES = (4, 210, 130, 280, 35, 180, 330, 90, 250, 20, 160, 300, 55, 195, 350, 110)


class Interner:
    """Removal texts stored once: ``index(text)`` is a string-table index or the text itself."""

    def __init__(self, limit: int = STRINGS_MAX):
        self.table: dict[str, int] = {}
        self.limit = limit

    def index(self, text: str) -> int | str:
        n = self.table.get(text)
        if n is None:
            if len(self.table) >= self.limit:
                return text
            n = self.table[text] = len(self.table)
        return n


def doc_row(row: Row, rules: dict[str, int], strings: Interner) -> str:
    """A document's row (:class:`clean.records.Row`) as the page's compact JSON array;
    ``rules`` gains the rule ids it meets.

    ``[id, title, site, language, words, lines_removed, published, removals, text]``, each
    removal ``[rule, kept, whole, text]``, rule and text as indexes into the page's tables.
    """
    removals = []
    for rule, kept, whole, text in row.removals:
        n = rules.setdefault(rule, len(rules))
        text = text if len(text) <= REMOVAL_CHARS else text[:REMOVAL_CHARS] + "…"
        removals.append([n, kept, whole, strings.index(text)])
    text = row.text
    if text is not None and len(text) > TEXT_CHARS:
        text = text[:TEXT_CHARS] + "\n…"
    return _json([row.id, row.title, row.site, row.language, row.words, row.lines_removed,
                  row.published, removals, text])  # fmt: skip


def cluster_rows(duplicates: dict[str, dict[str, Any]], ids: dict[str, int]) -> list[Any]:
    """Clusters as ``[cluster, relation, [[doc, relation, similarity, representative]...]]``,
    the largest first; ``doc`` is the document's row number."""
    clusters: dict[str, list[Any]] = {}
    relation: dict[str, str] = {}
    for doc_id, mark in duplicates.items():
        rep = mark["representative"] == doc_id
        if rep:
            relation[mark["cluster"]] = mark["relation"]
        clusters.setdefault(mark["cluster"], []).append(
            [ids.get(doc_id, -1), mark["relation"], mark["similarity"], int(rep)]
        )
    for members in clusters.values():
        members.sort(key=lambda m: (-m[3], -m[2], m[0]))
    order = sorted(clusters, key=lambda c: (-len(clusters[c]), clusters[c][0][0]))
    return [[c, relation.get(c, ""), clusters[c]] for c in order]


def page(
    report: dict[str, Any],
    title: str,
    rows: Iterable[Row],
    duplicates: dict[str, dict[str, Any]],
) -> Iterator[str]:
    """The whole page, in chunks: ``rows`` (with their text, :func:`doc_row`) are
    streamed, not held; ``duplicates`` is ``{doc_id: duplicate}`` as in documents.jsonl."""
    rules: dict[str, int] = {}
    strings = Interner()
    ids: dict[str, int] = {}
    hues = rule_hues(report["removals_by_rule"])
    yield HEAD.replace("{{title}}", html.escape(title))
    yield _summary(report, title)
    yield _bars_section(report, hues)
    yield '<script type="application/json" id="d-docs">['
    for n, row in enumerate(rows):
        if row.id in duplicates:
            ids[row.id] = n
        yield ("," if n else "") + doc_row(row, rules, strings)
    yield "]</script>\n"
    rule_names = sorted(rules, key=rules.__getitem__)
    meta = {
        "rules": rule_names,
        "hues": [hues.get(r, 0) for r in rule_names],
        "clusters": cluster_rows(duplicates, ids),
        "strings": list(strings.table),
        "detail": DETAIL_DOCS,
    }
    yield f'<script type="application/json" id="d-meta">{_json(meta)}</script>\n'
    yield TAIL


def _json(value: Any) -> str:
    """JSON safe inside a <script> element, and still JSON: every ``<`` (which JSON has only
    inside strings) as ``\\u003c``, so that no ``</script``, ``<!--`` or ``<script`` can
    end the element or change how the browser reads it (``<\\!--`` was not valid JSON: the
    page's script stopped at it).

    >>> _json(["</script><!-- <"])
    '["\\\\u003c/script>\\\\u003c!-- \\\\u003c"]'
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _summary(report: dict[str, Any], title: str) -> str:
    dups = report.get("duplicates") or {}
    cards = [
        ("read", report["read"], "inputs"),
        ("documents", report["documents"], "written"),
        (
            "duplicates",
            dups.get("documents", 0),
            "in " + _plural(dups.get("clusters", 0), "cluster"),
        ),
        ("rejected", report["rejected"], _counts(report.get("rejected_by_reason", {}))),
        ("skipped", report["skipped"], _counts(report.get("skipped_by_type", {}))),
        (
            "lines removed",
            report["lines_removed"],
            "by " + _plural(len(report["removals_by_rule"]), "rule"),
        ),
    ]
    if report.get("duplicates_dropped"):
        cards.insert(3, ("dropped", report["duplicates_dropped"], "to duplicates.jsonl"))
    rules = report.get("rules", {})
    files = ", ".join(f"{k} v{v}" for k, v in rules.get("files", {}).items())
    out = [
        "<header><h1>clean report <span>",
        html.escape(title),
        "</span></h1><p>",
        f"clean {html.escape(str(report.get('clean_version', '')))} · rules {html.escape(files)}"
        f" (digest {html.escape(str(rules.get('digest', '')))})"
        f" · {report.get('elapsed_seconds', 0)} s</p></header>\n",
        '<section class="cards">',
    ]
    for label, value, note in cards:
        out.append(
            f'<div class="card" data-count="{html.escape(label)}"><div class="n">{value:,}</div>'
            f'<div class="l">{html.escape(label)}</div>'
            f'<div class="s">{html.escape(note)}</div></div>'
        )
    out.append("</section>\n")
    return "".join(out)


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'s' * (n != 1)}"


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counter.items()) or "none"


def _bars(items: list[tuple[str, int]], colours: dict[str, int] | None, kind: str) -> str:
    top = max((v for _, v in items), default=1) or 1
    out = []
    for name, value in items:
        hue = colours.get(name) if colours is not None else None
        style = f"--h:{hue}" if hue is not None else "--h:215;--s:15%"
        attr = f' data-rule="{html.escape(name)}" title="show documents with {html.escape(name)}"'
        out.append(
            f'<div class="bar {kind}" style="{style}"{attr if colours is not None else ""}>'
            f'<span class="k">{html.escape(name)}</span>'
            f'<span class="t"><span class="f" style="width:{100 * value / top:.1f}%"></span></span>'
            f'<span class="v">{value:,}</span></div>'
        )
    return "".join(out) or '<p class="none">none</p>'


def rule_hues(removals_by_rule: dict[str, int]) -> dict[str, int]:
    """A hue per rule, far apart down the chart (most removals first); the same in documents.

    >>> rule_hues({"a": 1, "b": 5, "c": 1})
    {'b': 4, 'a': 210, 'c': 130}
    """
    ranked = sorted(removals_by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    return {name: HUES[n % len(HUES)] + 7 * (n // len(HUES)) for n, (name, _) in enumerate(ranked)}


def _bars_section(report: dict[str, Any], hues: dict[str, int]) -> str:
    by_rule = sorted(report["removals_by_rule"].items(), key=lambda kv: (-kv[1], kv[0]))
    side = [
        ("Languages", list(report.get("languages", {}).items())),
        ("Rejected by reason", list(report.get("rejected_by_reason", {}).items())),
        ("Skipped by type", list(report.get("skipped_by_type", {}).items())),
        ("Repairs", list(report.get("repairs", {}).items())),
    ]
    out = [
        '<div class="grid"><section id="rules"><h2>Removals by rule</h2>',
        '<p class="hint">Click a rule to list the documents it removed lines from.</p>',
        _bars(by_rule, hues, "rule"),
        '</section><section id="side">',
    ]
    for heading, items in side:
        out.append(f"<h2>{heading}</h2>{_bars(items, None, 'plain')}")
    out.append("</section></div>\n")
    return "".join(out)


HEAD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>clean report · {{title}}</title>
<style>
:root{--fg:#1d2330;--mut:#667085;--bd:#e4e7ec;--bg:#f6f7f9;--card:#fff;--acc:#2f6fde}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);
background:var(--bg)}
main{max-width:1180px;margin:0 auto;padding:20px 24px 60px}
header h1{font-size:22px;margin:0 0 2px}header h1 span{color:var(--mut);font-weight:400}
header p{margin:0 0 16px;color:var(--mut);font-size:12.5px}
h2{font-size:15px;margin:0 0 10px}
section{background:var(--card);border:1px solid var(--bd);border-radius:10px;padding:16px 18px;
margin-bottom:16px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;
background:none;border:0;padding:0}
.card{background:var(--card);border:1px solid var(--bd);border-radius:10px;padding:12px 14px}
.card .n{font-size:24px;font-weight:650;font-variant-numeric:tabular-nums}
.card .l{font-weight:600}.card .s{color:var(--mut);font-size:12px;overflow-wrap:anywhere}
.grid{display:grid;grid-template-columns:2fr 1fr;gap:16px;margin-bottom:16px}.grid section{margin:0}
@media (max-width:800px){.grid{grid-template-columns:1fr}}
.hint,.none,.note{color:var(--mut);font-size:12.5px;margin:-4px 0 10px}
.bar{display:grid;grid-template-columns:minmax(120px,210px) 1fr 56px;gap:10px;align-items:center;
padding:2px 4px;border-radius:6px}
.bar .k{font:12.5px ui-monospace,SFMono-Regular,Menlo,monospace;overflow:hidden;text-overflow:ellipsis;
white-space:nowrap}
.bar .t{background:#eef0f3;border-radius:4px;height:14px;overflow:hidden}
.bar .f{display:block;height:100%;background:hsl(var(--h) var(--s,65%) 55%);border-radius:4px}
.bar .v{text-align:right;font-variant-numeric:tabular-nums;color:var(--mut)}
.bar.rule{cursor:pointer}.bar.rule:hover,.bar.rule.on{background:hsl(var(--h) 70% 95%)}
.bar.dim{opacity:.35}
#side h2{margin-top:14px}#side h2:first-child{margin-top:0}
#side .bar{grid-template-columns:minmax(60px,120px) 1fr 48px}
.tools{display:flex;gap:10px;align-items:center;flex-wrap:wrap;margin-bottom:10px}
.tools input{flex:1;min-width:240px;font:inherit;padding:7px 10px;border:1px solid #cfd4dc;
border-radius:8px}
.tools input:focus{outline:2px solid #c7d7fb;border-color:var(--acc)}
.pager{display:flex;gap:6px;align-items:center;color:var(--mut);font-size:12.5px}
.pager button{font:inherit;border:1px solid #cfd4dc;background:#fff;border-radius:6px;padding:3px 9px;
cursor:pointer}.pager button:disabled{opacity:.4;cursor:default}
table{width:100%;border-collapse:collapse}
th{text-align:left;font-size:12px;color:var(--mut);font-weight:600;border-bottom:1px solid var(--bd);
padding:6px 8px}
td{border-bottom:1px solid #f0f1f4;padding:6px 8px;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.id{font:12.5px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
tr.doc{cursor:pointer}tr.doc:hover td{background:#f8fafc}tr.doc.open td{background:#eef3fd}
.ttl{color:var(--mut)}
.chip{display:inline-block;font:11.5px ui-monospace,SFMono-Regular,Menlo,monospace;padding:0 6px;
border-radius:10px;background:hsl(var(--h) 70% 92%);color:hsl(var(--h) 60% 28%);
border:1px solid hsl(var(--h) 50% 80%);margin:1px 2px 1px 0;white-space:nowrap}
.rel{display:inline-block;font-size:11.5px;padding:0 7px;border-radius:10px;background:#eef0f3}
.rel.exact{background:#fde2e1}.rel.near{background:#fdebd3}.rel.partial{background:#e3ecfd}
.rel.rewrite{background:#e7e1fb}
a{color:var(--acc);text-decoration:none}a:hover{text-decoration:underline}
.detail td{background:#fbfcfe;padding:12px 14px 16px}
.meta{color:var(--mut);font-size:12.5px;margin-bottom:8px}.meta b{color:var(--fg);font-weight:600}
.legend{font-size:12.5px;color:var(--mut);margin-bottom:8px}
.lines{border:1px solid var(--bd);border-radius:8px;background:#fff;padding:6px 0;max-height:560px;
overflow:auto}
.ln{padding:2px 12px 2px 10px;border-left:4px solid transparent;white-space:pre-wrap;
overflow-wrap:anywhere}
.ln.gap{height:8px;padding:0}
.ln.rm{border-left-color:hsl(var(--h) 65% 55%);background:hsl(var(--h) 80% 96%);
color:hsl(var(--h) 35% 35%)}
.ln.rm .x{text-decoration:line-through;text-decoration-color:hsl(var(--h) 50% 60%)}
.ln .chip{float:right;margin-left:8px}
.span{background:hsl(var(--h) 80% 90%);color:hsl(var(--h) 45% 30%);text-decoration:line-through;
border-radius:3px;padding:0 2px}
.cl td{font-size:13px}.cl .m{display:block}
footer{color:var(--mut);font-size:12px;text-align:center}
</style></head><body><main>
"""

TAIL = r"""<section id="clusters"><h2>Duplicate clusters</h2>
<div class="tools"><span class="note" id="cl-note"></span><div class="pager" id="cl-pager"></div></div>
<table class="cl"><thead><tr><th>cluster</th><th>relation</th><th>members (relation, similarity)</th>
</tr></thead><tbody id="cl-body"></tbody></table></section>
<section id="documents"><h2>Documents</h2>
<div class="tools"><input id="q" type="search" placeholder="Filter by id, title, site or rule (e.g. kompas.read-also)"
autocomplete="off"><div class="pager" id="doc-pager"></div></div>
<p class="note" id="doc-note"></p>
<table><thead><tr><th>document</th><th>site</th><th>lang</th><th class="num">words</th>
<th class="num">removed</th><th>rules</th><th>duplicate</th></tr></thead>
<tbody id="doc-body"></tbody></table></section>
<footer>Written by <code>clean run</code>. In a document, kept lines are as written; removed lines are
<s>struck</s> and tinted in the colour of the rule that removed them. <code>clean explain FILE</code>
shows any input the same way in a terminal.</footer>
</main>
<script>
(function(){
"use strict";
var PAGE=50, CPAGE=10;
var docs=JSON.parse(document.getElementById("d-docs").textContent);
var meta=JSON.parse(document.getElementById("d-meta").textContent);
var RULES=meta.rules, S=meta.strings, HUE=meta.hues;
function hue(n){return HUE[n];}
function esc(s){return String(s==null?"":s).replace(/[&<>"]/g,function(c){
  return {"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"}[c];});}
function str(x){return typeof x==="number"?S[x]:x;}
function chip(r){return '<span class="chip" style="--h:'+hue(r)+'">'+esc(RULES[r])+'</span>';}
var clusterOf={};
meta.clusters.forEach(function(c,ci){c[2].forEach(function(m){if(m[0]>=0)clusterOf[m[0]]=[ci,m];});});
var byId={};docs.forEach(function(d,i){byId[d[0]]=i;});
var hay=null;
function haystack(i){
  if(!hay)hay=new Array(docs.length);
  if(hay[i]===undefined){var d=docs[i],seen={},rs=[];
    d[7].forEach(function(r){if(!seen[r[0]]){seen[r[0]]=1;rs.push(RULES[r[0]]);}});
    hay[i]=(d[0]+"\n"+(d[1]||"")+"\n"+(d[2]||"")+"\n"+rs.join("\n")).toLowerCase();}
  return hay[i];}
var state={q:"",page:0,open:null,list:null,cpage:0};
function filtered(){
  if(state.list)return state.list;
  var q=state.q.trim().toLowerCase(),out=[];
  if(q.indexOf("rule:")===0){var want=RULES.indexOf(q.slice(5).trim());
    for(var i=0;i<docs.length;i++){if(docs[i][7].some(function(r){return r[0]===want;}))out.push(i);}}
  else if(!q){for(var j=0;j<docs.length;j++)out.push(j);}
  else{for(var k=0;k<docs.length;k++){if(haystack(k).indexOf(q)>=0)out.push(k);}}
  state.list=out;return out;}
function pager(el,page,total,size,go){
  var pages=Math.max(1,Math.ceil(total/size));
  el.innerHTML='<button data-p="'+(page-1)+'"'+(page<=0?" disabled":"")+'>‹ prev</button>'+
    '<span>page '+(page+1)+' of '+pages.toLocaleString()+'</span>'+
    '<button data-p="'+(page+1)+'"'+(page>=pages-1?" disabled":"")+'>next ›</button>';
  el.onclick=function(e){var p=e.target.getAttribute("data-p");if(p!==null&&!e.target.disabled)go(+p);};}
function rulesOf(d){var seen={},out=[];d[7].forEach(function(r){if(!seen[r[0]]){seen[r[0]]=1;out.push(r[0]);}});return out;}
function dupCell(i){var c=clusterOf[i];if(!c)return "";var m=c[1];
  return '<span class="rel '+esc(m[1])+'">'+(m[3]?"representative":esc(m[1])+" "+m[2].toFixed(2))+'</span>';}
function drawDocs(){
  var list=filtered(),body=document.getElementById("doc-body"),html=[];
  var pages=Math.max(1,Math.ceil(list.length/PAGE));if(state.page>=pages)state.page=pages-1;
  list.slice(state.page*PAGE,state.page*PAGE+PAGE).forEach(function(i){var d=docs[i];
    var open=state.open===i;
    html.push('<tr class="doc'+(open?" open":"")+'" data-i="'+i+'"><td><div class="id">'+esc(d[0])+'</div>'+
      (d[1]?'<div class="ttl">'+esc(d[1])+'</div>':"")+'</td><td>'+esc(d[2]||"")+'</td><td>'+esc(d[3]||"")+
      '</td><td class="num">'+d[4].toLocaleString()+'</td><td class="num">'+d[5]+'</td><td>'+
      rulesOf(d).map(chip).join("")+'</td><td>'+dupCell(i)+'</td></tr>');
    if(open)html.push('<tr class="detail"><td colspan="7">'+detail(i)+'</td></tr>');});
  body.innerHTML=html.join("")||'<tr><td colspan="7" class="none">No document matches.</td></tr>';
  document.getElementById("doc-note").textContent=list.length.toLocaleString()+" of "+
    docs.length.toLocaleString()+" documents"+(state.q?" match “"+state.q+"”":"")+
    ". Click a document for its lines as the rules saw them.";
  pager(document.getElementById("doc-pager"),state.page,list.length,PAGE,function(p){state.page=p;drawDocs();});
  document.querySelectorAll(".bar.rule").forEach(function(b){var r=b.getAttribute("data-rule"),q=state.q.toLowerCase();
    b.classList.toggle("on",!!q&&(q==="rule:"+r||(q.indexOf("rule:")!==0&&r.indexOf(q)>=0)));
    b.classList.toggle("dim",!!q&&!b.classList.contains("on")&&q.indexOf("rule:")===0);});}
function removedLine(r){var t=str(r[3]);
  return t.split("\n").map(function(x){return '<div class="ln rm" style="--h:'+hue(r[0])+'">'+chip(r[0])+
    '<span class="x">'+esc(x)+'</span></div>';}).join("");}
function keptLine(text,spans){var h=esc(text);
  spans.forEach(function(r){var t=esc(str(r[3])),at=h.indexOf(t);
    var mark='<span class="span" style="--h:'+hue(r[0])+'" title="'+esc(RULES[r[0]])+'">'+t+'</span>';
    h=at>=0?h.slice(0,at)+mark+h.slice(at+t.length):mark+" "+h;});
  return '<div class="ln">'+h+(spans.length?" "+spans.map(function(r){return chip(r[0]);}).join(""):"")+'</div>';}
function detail(i){
  var d=docs[i],out=[],c=clusterOf[i];
  out.push('<div class="meta">'+(d[1]?"<b>"+esc(d[1])+"</b> · ":"")+esc(d[2]||"no site")+" · "+
    esc(d[6]||"no date")+" · "+esc(d[3]||"?")+" · "+d[4].toLocaleString()+" words · "+d[5]+" lines removed");
  if(c){var cl=meta.clusters[c[0]];out.push(' · cluster <a href="#cluster='+esc(cl[0])+'">'+esc(cl[0])+"</a> with "+
    cl[2].filter(function(m){return m[0]!==i;}).map(function(m){return m[0]>=0?'<a href="#doc='+
    encodeURIComponent(docs[m[0]][0])+'">'+esc(docs[m[0]][0])+"</a>":"?";}).join(", "));}
  out.push("</div>");
  var rm=d[7];
  if(d[8]===null){
    out.push('<p class="note">The clean text is embedded for the first '+meta.detail.toLocaleString()+
      ' documents only; these are its removals. <code>clean explain</code> shows it in full.</p><div class="lines">');
    rm.forEach(function(r){out.push(removedLine(r));});out.push("</div>");return out.join("");}
  var lines=d[8].split("\n"),k=0,ri=0;out.push('<div class="lines">');
  function before(k){while(ri<rm.length&&rm[ri][1]<=k&&(rm[ri][1]<k||rm[ri][2])){out.push(removedLine(rm[ri]));ri++;}}
  lines.forEach(function(line){
    if(!line){out.push('<div class="ln gap"></div>');return;}
    before(k);var spans=[];
    while(ri<rm.length&&rm[ri][1]===k&&!rm[ri][2]){spans.push(rm[ri]);ri++;}
    out.push(keptLine(line,spans));k++;});
  while(ri<rm.length){out.push(removedLine(rm[ri]));ri++;}
  out.push("</div>");return out.join("");}
function drawClusters(){
  var cs=meta.clusters,body=document.getElementById("cl-body"),html=[];
  cs.slice(state.cpage*CPAGE,state.cpage*CPAGE+CPAGE).forEach(function(c){
    html.push('<tr id="cluster-'+esc(c[0])+'"><td class="id">'+esc(c[0])+'</td><td><span class="rel '+esc(c[1])+'">'+
      esc(c[1])+'</span></td><td>'+c[2].map(function(m){var id=m[0]>=0?docs[m[0]][0]:"?";
      return '<span class="m"><a class="id" href="#doc='+encodeURIComponent(id)+'">'+esc(id)+'</a> '+
      (m[3]?'<span class="rel">representative</span>':'<span class="rel '+esc(m[1])+'">'+esc(m[1])+'</span> '+
      m[2].toFixed(4))+'</span>';}).join("")+'</td></tr>');});
  body.innerHTML=html.join("")||'<tr><td colspan="3" class="none">No duplicates found.</td></tr>';
  document.getElementById("cl-note").textContent=cs.length.toLocaleString()+(cs.length===1?" cluster":" clusters")+
    ", the largest first";
  pager(document.getElementById("cl-pager"),state.cpage,cs.length,CPAGE,function(p){state.cpage=p;drawClusters();});}
var q=document.getElementById("q"),timer=null;
function setQuery(v,open){q.value=v;state.q=v;state.list=null;state.page=0;state.open=open===undefined?null:open;drawDocs();}
q.addEventListener("input",function(){clearTimeout(timer);timer=setTimeout(function(){setQuery(q.value);},120);});
document.getElementById("doc-body").addEventListener("click",function(e){
  if(e.target.closest("a"))return;var tr=e.target.closest("tr.doc");if(!tr)return;
  var i=+tr.getAttribute("data-i");state.open=state.open===i?null:i;drawDocs();});
document.querySelectorAll(".bar.rule").forEach(function(b){b.addEventListener("click",function(){
  var v="rule:"+b.getAttribute("data-rule");setQuery(state.q===v?"":v);
  document.getElementById("documents").scrollIntoView();});});
function show(el){var r=el.getBoundingClientRect();if(r.top<0||r.top>innerHeight*0.6)el.scrollIntoView();}
function fromHash(){var h=decodeURIComponent(location.hash.slice(1)),eq=h.indexOf("=");
  var k=h.slice(0,eq),v=h.slice(eq+1);
  if(k==="doc"&&byId[v]!==undefined){setQuery(v,byId[v]);show(document.getElementById("documents"));}
  else if(k==="q"){setQuery(v);}
  else if(k==="cluster"){var n=meta.clusters.findIndex(function(c){return c[0]===v;});
    if(n>=0){state.cpage=Math.floor(n/CPAGE);drawClusters();var row=document.getElementById("cluster-"+v);
      if(row)row.scrollIntoView();}}}
window.addEventListener("hashchange",fromHash);
drawClusters();drawDocs();if(location.hash)fromHash();
})();
</script></body></html>
"""
