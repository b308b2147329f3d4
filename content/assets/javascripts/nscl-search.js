/*
 * Pagefind search in Material's header search box (partials/search.html).
 * Nothing is downloaded for search until the reader opens or focuses the box: then Pagefind's
 * library is imported, and each query fetches only the index chunks and result fragments it needs.
 */
(() => {
  "use strict";
  const toggle = document.getElementById("__search");
  const box = document.querySelector(".nscl-search");
  const form = box && box.querySelector("form");
  if (!toggle || !form) return;
  const input = form.elements.namedItem("query");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const more = box.querySelector(".nscl-search__more");
  const template = document.getElementById("nscl-search-result");
  const text = box.dataset;
  const placeholder = meta.textContent;
  const config = JSON.parse(document.getElementById("__config").textContent);
  // The site's root, also under a sub-path (/<repo>/): results are indexed as root-relative URLs.
  const base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  const PAGE = 10;
  let pagefind = null;
  let current = null;
  let sequence = 0;
  let timer = 0;

  /** Import Pagefind once, on first use. */
  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(async (pf) => {
        await pf.options({ baseUrl: base.pathname });
        pf.init();
        return pf;
      });
      pagefind.catch(() => { pagefind = null; });
    }
    return pagefind;
  }

  /** Pagefind's excerpt as nodes: its text, and only its <mark> highlights as elements. */
  function excerpt(html) {
    const holder = document.createElement("template");
    holder.innerHTML = html;
    return Array.from(holder.content.childNodes, (node) => {
      if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    });
  }

  function render(data) {
    const item = template.content.firstElementChild.cloneNode(true);
    item.querySelector("a").href = data.url;
    item.querySelector("h1").textContent = (data.meta && data.meta.title) || data.url;
    item.querySelector("p").replaceChildren(...excerpt(data.excerpt || ""));
    return item;
  }

  function count(n) {
    if (n === 0) return text.textNone;
    return n === 1 ? text.textOne : text.textOther.replace("#", n.toLocaleString("vi-VN"));
  }

  async function showMore() {
    const state = current;
    const slice = state.results.slice(state.shown, state.shown + PAGE);
    const data = await Promise.all(slice.map((result) => result.data()));
    if (state !== current) return;
    list.append(...data.map(render));
    state.shown += slice.length;
    more.hidden = state.shown >= state.results.length;
  }

  async function search(query) {
    const id = ++sequence;
    more.hidden = true;
    // The query whose results are on show (read by the browser tests), unset while searching.
    delete meta.dataset.query;
    if (!query.trim()) {
      current = null;
      list.replaceChildren();
      meta.textContent = placeholder;
      meta.dataset.query = query;
      return;
    }
    meta.textContent = text.textLoading;
    try {
      const pf = await load();
      const found = await pf.search(query);
      if (id !== sequence) return;
      current = { results: found.results, shown: 0 };
      list.replaceChildren();
      meta.textContent = count(found.results.length);
      await showMore();
      if (id === sequence) meta.dataset.query = query;
    } catch (error) {
      if (id === sequence) meta.textContent = text.textError;
    }
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
    load().catch(() => {});
  }

  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      load().catch(() => {});
      input.focus();
    } else {
      input.blur();
    }
  });
  input.addEventListener("focus", open);
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 150);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search(input.value);
  });
  form.addEventListener("reset", () => {
    clearTimeout(timer);
    setTimeout(() => search(""), 0);
    input.focus();
  });
  more.addEventListener("click", () => showMore());
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (toggle.checked && event.key === "Escape") {
      toggle.checked = false;
      input.blur();
    } else if (toggle.checked && event.key === "ArrowDown" && target === input) {
      const first = list.querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
      event.preventDefault();
      open();
      input.focus();
    }
  });
})();
