import { describe, expect, it } from 'vitest';
import { html } from './html.js';

describe('html', () => {
  it('escapes interpolated text, including quotes for attribute values', () => {
    const name = `<script>alert("x")</script>&'`;

    expect(html`<a title="${name}">${name}</a>`.text).toBe(
      '<a title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</a>',
    );
  });

  it('inserts nested templates as they are and drops null, undefined and false', () => {
    const rows = ['a<b', 'c'].map((cell) => html`<td>${cell}</td>`);

    expect(html`<tr>${rows}${null}${undefined}${false}</tr>`.text).toBe(
      '<tr><td>a&lt;b</td><td>c</td></tr>',
    );
  });
});
