import { Typography } from 'antd';
import type { ComponentProps, ReactNode } from 'react';
import { Children, createElement, isValidElement, useMemo } from 'react';
import Markdown from 'react-markdown';
import type { Components } from 'react-markdown';
import { Link } from 'react-router';
import remarkGfm from 'remark-gfm';

import { screenshotUrl } from '../content';
import { splitAnchor } from '../markdown';

/** The text of a heading's children (its anchor is written in it: `Title {#anchor}`). */
function textOf(children: ReactNode): string {
  return Children.toArray(children)
    .map((child) =>
      typeof child === 'string' || typeof child === 'number'
        ? String(child)
        : isValidElement<{ children?: ReactNode }>(child)
          ? textOf(child.props.children)
          : '',
    )
    .join('');
}

type Level = 1 | 2 | 3 | 4 | 5 | 6;

/** A heading with its stable anchor as its id, one level below `shift` (so a section shown under
 * a page's own <h1> starts at <h2>). */
function heading(level: Level, shift: number) {
  return function Heading({ children }: { children?: ReactNode }) {
    const { title, anchor } = splitAnchor(textOf(children));
    const shown = Math.min(6, level + shift) as Level;
    return createElement(
      `h${shown}`,
      { id: anchor, className: 'help-heading', tabIndex: -1 },
      title,
    );
  };
}

function HelpLink({ href, children }: ComponentProps<'a'>) {
  if (href?.startsWith('/') || href?.startsWith('#')) {
    return <Link to={href.startsWith('#') ? `/help${href}` : href}>{children}</Link>;
  }
  return (
    <a href={href} target="_blank" rel="noreferrer">
      {children}
    </a>
  );
}

function PageLink({ href, children }: ComponentProps<'a'>) {
  return <a href={href}>{children}</a>;
}

function HelpImage({ src, alt }: ComponentProps<'img'>) {
  const name = typeof src === 'string' ? src.replace(/^screenshots\//, '') : '';
  const url = screenshotUrl(name);
  if (!url) return null;
  return (
    <figure className="help-figure">
      <img src={url} alt={alt ?? ''} />
      {alt ? <figcaption>{alt}</figcaption> : null}
    </figure>
  );
}

function HelpTable({ children }: ComponentProps<'table'>) {
  return (
    <div className="help-table-wrap">
      <table className="help-table">{children}</table>
    </div>
  );
}

/** A part of the guide, rendered from its Markdown source (trusted: it is the app's own text;
 * no raw HTML is let through). */
export function HelpMarkdown({
  children,
  shift = 0,
  standalone = false,
}: {
  children: string;
  shift?: number;
  /** The whole guide on one page (print): links to its sections stay within the page. */
  standalone?: boolean;
}) {
  const components: Components = useMemo(
    () => ({
      h1: heading(1, shift),
      h2: heading(2, shift),
      h3: heading(3, shift),
      h4: heading(4, shift),
      a: standalone ? PageLink : HelpLink,
      img: HelpImage,
      table: HelpTable,
    }),
    [shift, standalone],
  );
  return (
    <Typography className="help-content">
      <Markdown remarkPlugins={[remarkGfm]} components={components}>
        {children}
      </Markdown>
    </Typography>
  );
}
