/**
 * A streaming parser of Server-Sent Events (text/event-stream) that hands over the `data` of each event (multi-line
 * data joined with "\n", as the WHATWG spec says); comments and other fields are ignored. Feed it decoded text in any
 * chunking (CRLF, CR and LF line ends, split anywhere); `end()` hands over an event the stream ended without a blank
 * line after. A receipt needs the events, not the spec's reconnection fields.
 */
export function createSseDataParser(onData: (data: string) => void): {
  feed(text: string): void;
  end(): void;
} {
  let pending = '';
  let data: string[] = [];

  const line = (text: string): void => {
    if (text === '') {
      if (data.length > 0) {
        const joined = data.length === 1 ? (data[0] as string) : data.join('\n');
        data = [];
        onData(joined);
      }
      return;
    }
    if (text.charCodeAt(0) === 0x3a /* ':' comment */) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    if (field !== 'data') return;
    if (colon === -1) data.push('');
    else data.push(text.charCodeAt(colon + 1) === 0x20 ? text.slice(colon + 2) : text.slice(colon + 1));
  };

  const feed = (text: string): void => {
    let buffer = pending.length > 0 ? pending + text : text;
    if (buffer.includes('\r')) {
      // A CR at the very end may be the first half of a CRLF: keep it for the next chunk.
      const held = buffer.endsWith('\r') ? '\r' : '';
      if (held) buffer = buffer.slice(0, -1);
      buffer = buffer.replace(/\r\n?/g, '\n');
      pending = '';
      let start = 0;
      for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n', start)) {
        line(buffer.slice(start, end));
        start = end + 1;
      }
      pending = buffer.slice(start) + held;
      return;
    }
    let start = 0;
    for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n', start)) {
      line(buffer.slice(start, end));
      start = end + 1;
    }
    pending = start === 0 ? buffer : buffer.slice(start);
  };

  const end = (): void => {
    if (pending.length > 0) {
      const rest = pending.endsWith('\r') ? pending.slice(0, -1) : pending;
      pending = '';
      if (rest.length > 0) line(rest);
    }
    line('');
  };

  return { feed, end };
}
