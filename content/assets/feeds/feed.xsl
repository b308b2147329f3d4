<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shows an RSS 2.0 or Atom feed of this site as a Vietnamese web page when a browser opens it
  (feeds carry <?xml-stylesheet?> pointing here). Feed readers ignore it. XSLT 1.0 only, no script.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:media="http://search.yahoo.com/mrss/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    exclude-result-prefixes="atom media dc">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="months" select="'JanFebMarAprMayJunJulAugSepOctNovDec'"/>
  <xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:variable name="feeds-page" select="concat(substring-before($self, 'nguon-tin/'), 'nguon-tin/')"/>

  <xsl:template match="/">
    <html lang="vi">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="/rss/channel/title | /atom:feed/atom:title"/> (nguồn tin)</title>
        <style>
          :root { color-scheme: light dark; --muted: #555; --line: #ccc; --note: #eef1fb; --link: #2b3f9e; }
          @media (prefers-color-scheme: dark) { :root { --muted: #bbb; --line: #555; --note: #242a40; --link: #9db0ff; } }
          body { font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; margin: 0; }
          main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
          a { color: var(--link); }
          .nscl-feed-note { background: var(--note); padding: .75rem 1rem; border-radius: .25rem; }
          .nscl-feed-url { word-break: break-all; font-family: ui-monospace, monospace; }
          article { border-top: 1px solid var(--line); padding: .5rem 0; }
          article h2 { font-size: 1.15rem; margin: .5rem 0 .25rem; }
          .nscl-feed-meta { color: var(--muted); font-size: .9rem; margin: 0; }
          img { max-width: 100%; height: auto; }
        </style>
      </head>
      <body>
        <main>
          <p class="nscl-feed-note">
            Đây là một <strong>nguồn tin</strong> (RSS/Atom): để nhận bài mới, sao chép địa chỉ dưới đây và
            dán vào ứng dụng đọc tin của bạn.<br/>
            <span class="nscl-feed-url"><xsl:value-of select="$self"/></span><br/>
            <a href="{$feeds-page}">Xem mọi nguồn tin của trang</a>
          </p>
          <xsl:apply-templates select="/rss/channel | /atom:feed"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- RSS 2.0 -->
  <xsl:template match="channel">
    <h1><xsl:value-of select="title"/></h1>
    <p><xsl:value-of select="description"/></p>
    <p><a href="{link}">Xem trên trang web</a></p>
    <xsl:if test="not(item)"><p>Nguồn tin này chưa có bài nào.</p></xsl:if>
    <xsl:for-each select="item">
      <article>
        <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
        <p class="nscl-feed-meta">
          <xsl:text>Ngày đăng: </xsl:text>
          <xsl:call-template name="rss-date"><xsl:with-param name="value" select="pubDate"/></xsl:call-template>
          <xsl:if test="dc:creator">
            <xsl:text> · </xsl:text>
            <xsl:for-each select="dc:creator">
              <xsl:if test="position() &gt; 1">, </xsl:if>
              <xsl:value-of select="."/>
            </xsl:for-each>
          </xsl:if>
        </p>
        <xsl:if test="media:thumbnail">
          <img src="{media:thumbnail/@url}" alt="" loading="lazy"/>
        </xsl:if>
        <p><xsl:value-of select="description"/></p>
      </article>
    </xsl:for-each>
  </xsl:template>

  <!-- Atom (an entry link without rel is its alternate, as feedgen writes it) -->
  <xsl:template match="atom:feed">
    <h1><xsl:value-of select="atom:title"/></h1>
    <p><xsl:value-of select="atom:subtitle"/></p>
    <p><a href="{atom:link[@rel='alternate']/@href}">Xem trên trang web</a></p>
    <xsl:if test="not(atom:entry)"><p>Nguồn tin này chưa có bài nào.</p></xsl:if>
    <xsl:for-each select="atom:entry">
      <article>
        <h2><a href="{atom:link[not(@rel) or @rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
        <p class="nscl-feed-meta">
          <xsl:text>Ngày đăng: </xsl:text>
          <xsl:call-template name="iso-date"><xsl:with-param name="value" select="atom:published"/></xsl:call-template>
          <xsl:if test="atom:author">
            <xsl:text> · </xsl:text>
            <xsl:for-each select="atom:author">
              <xsl:if test="position() &gt; 1">, </xsl:if>
              <xsl:value-of select="atom:name"/>
            </xsl:for-each>
          </xsl:if>
        </p>
        <p><xsl:value-of select="atom:summary"/></p>
      </article>
    </xsl:for-each>
  </xsl:template>

  <!-- "Mon, 11 Jan 2021 00:00:00 +0700" as 11/01/2021 -->
  <xsl:template name="rss-date">
    <xsl:param name="value"/>
    <xsl:variable name="month" select="substring($value, 9, 3)"/>
    <xsl:value-of select="concat(substring($value, 6, 2), '/',
        format-number(string-length(substring-before($months, $month)) div 3 + 1, '00'), '/',
        substring($value, 13, 4))"/>
  </xsl:template>

  <!-- "2021-01-11T00:00:00+07:00" as 11/01/2021 -->
  <xsl:template name="iso-date">
    <xsl:param name="value"/>
    <xsl:value-of select="concat(substring($value, 9, 2), '/', substring($value, 6, 2), '/', substring($value, 1, 4))"/>
  </xsl:template>
</xsl:stylesheet>
