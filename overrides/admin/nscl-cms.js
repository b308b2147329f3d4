/* Previews in the content editor (/admin/) that look like the site's article and video pages, in Vietnamese.
   Decap CMS provides `CMS`, `h` (React's createElement) and `createClass` as globals. Labels of units,
   topics and kinds come from the page (#nscl-cms-data), generated from the same data as config.yml. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("nscl-cms-data").textContent);

  function vnDate(value) {
    if (!value) return "";
    if (value instanceof Date) {
      var d = value;
      return [("0" + d.getDate()).slice(-2), ("0" + (d.getMonth() + 1)).slice(-2), d.getFullYear()].join("/");
    }
    var iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
    return iso ? iso[3] + "/" + iso[2] + "/" + iso[1] : String(value);
  }
  function list(value) {
    if (!value) return [];
    return value.toJS ? value.toJS() : [].concat(value);
  }
  /* The unit's name as pages show it: the form's label without its "— đến dd/mm/yyyy". */
  function names(slugs, table) {
    return list(slugs).map(function (s) { return (table[s] || s).split(" — ")[0]; }).join(", ");
  }
  function duration(value) {
    return value ? String(value) : "";
  }
  var banner = function () {
    return h("p", {className: "nscl-preview", role: "status"}, "Xem trước trong trình biên tập: trang thật có thêm đầu trang, thanh điều hướng và chân trang.");
  };

  var ArticlePreview = createClass({
    render: function () {
      var entry = this.props.entry, get = function (k) { return entry.getIn(["data", k]); };
      var image = get("cover"), source = get("source");
      var meta = ["Đăng ngày " + vnDate(get("date"))];
      if (get("updated")) meta.push("Cập nhật " + vnDate(get("updated")));
      if (list(get("author")).length) meta.push(list(get("author")).join(", "));
      return h("article", {className: "md-typeset nscl-cms-page"},
        banner(),
        h("h1", {}, get("title") || "(chưa có tiêu đề)"),
        h("div", {className: "nscl-article-meta"},
          h("p", {className: "nscl-article-meta__dates"}, meta.join(" · ")),
          list(get("provinces")).length ? h("p", {className: "nscl-article-meta__places"}, "Địa phương: " + names(get("provinces"), data.units)) : null,
          h("p", {className: "nscl-article-meta__topics"}, "Chủ đề: " + names(get("topics"), data.topics))),
        image ? h("figure", {className: "nscl-article-cover"},
          h("img", {src: this.props.getAsset(image).toString(), alt: get("cover_alt") || ""})) : null,
        h("p", {className: "nscl-cms-summary"}, get("summary") || ""),
        this.props.widgetFor("body"),
        source && source.get("name") ? h("p", {className: "nscl-article-source"}, "Nguồn: ",
          source.get("url") ? h("a", {href: source.get("url")}, source.get("name")) : source.get("name")) : null);
    }
  });

  function videoView(video, getAsset) {
    var host = video.host || {}, thumb = video.thumbnail || {};
    var where = host.type === "youtube" && host.id ? "https://www.youtube.com/watch?v=" + host.id : (host.url || host.path || "");
    return h("article", {className: "md-typeset nscl-cms-page", key: video.id || video.title},
      h("h1", {}, video.title || "(chưa có tiêu đề)"),
      h("div", {className: "nscl-video-player"},
        thumb.src ? h("img", {src: getAsset(thumb.src).toString(), alt: thumb.alt || ""}) : null,
        h("p", {}, where ? h("a", {href: where}, host.type === "youtube" ? "Xem trên YouTube" : "Mở video") : "(chưa có nơi đăng)")),
      h("dl", {className: "nscl-video-details"},
        h("dt", {}, "Loại"), h("dd", {}, data.kinds[video.kind] || video.kind || ""),
        h("dt", {}, "Ngày đăng"), h("dd", {}, vnDate(video.date)),
        h("dt", {}, "Thời lượng"), h("dd", {}, duration(video.duration)),
        video.provinces && video.provinces.length ? [h("dt", {key: "p"}, "Tỉnh, thành phố"), h("dd", {key: "pd"}, names(video.provinces, data.units))] : null,
        video.topics && video.topics.length ? [h("dt", {key: "t"}, "Chủ đề"), h("dd", {key: "td"}, names(video.topics, data.topics))] : null),
      h("div", {className: "nscl-video-description"},
        String(video.description || "").split(/\n\s*\n/).map(function (p, i) { return h("p", {key: i}, p); })));
  }

  var VideosPreview = createClass({
    render: function () {
      var videos = list(this.props.entry.getIn(["data", "videos"]));
      var getAsset = this.props.getAsset;
      return h("div", {}, banner(),
        videos.length ? videos.map(function (v) { return videoView(v, getAsset); }) : h("p", {}, "Chưa có video nào."));
    }
  });

  /* Decap's Vietnamese "＋ bài tin" is a fullwidth plus (U+FF0B), an empty box in fonts without it: a plain "+".
     Its Vietnamese lacks the list widget's "Add %{item}" (the "Add video", "Add số liệu" buttons): in Vietnamese. */
  var vi = JSON.parse(JSON.stringify(CMS.getLocale("vi")));
  vi.collection.collectionTop.newButton = "+ %{collectionLabel}";
  vi.editor = vi.editor || {};
  vi.editor.editorWidgets = vi.editor.editorWidgets || {};
  vi.editor.editorWidgets.list = Object.assign({}, vi.editor.editorWidgets.list, {add: "Thêm %{item}"});
  CMS.registerLocale("vi", vi);

  CMS.registerPreviewStyle("../assets/stylesheets/nscl.css");
  CMS.registerPreviewStyle("nscl-cms-preview.css");
  CMS.registerPreviewTemplate("tin-tuc", ArticlePreview);
  CMS.registerPreviewTemplate("videos", VideosPreview);
})();
