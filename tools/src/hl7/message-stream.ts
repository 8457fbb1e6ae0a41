/** MLLP framing (HL7 v2 minimal lower layer protocol): <VT> message <FS><CR>. */
const startBlock = '\u000b';
const endBlock = '\u001c';

/** One HL7 v2 message found in a file, with the line it starts on (for the dead-letter file and errors). */
export interface RawMessage {
  text: string;
  line: number;
}

/**
 * Splits a feed file into messages: MLLP-framed, or separated by blank lines. Segments end with CR, LF or
 * CRLF; each message comes back with CR between segments, as HL7 wants. Lines starting `#` are comments (the
 * importer's dead-letter file gives each rejected message its reason that way, and stays importable).
 */
export function splitMessages(content: string): RawMessage[] {
  const unframed = content.includes(startBlock) ? content.replaceAll(startBlock, '').replaceAll(endBlock, '\n\n') : content;
  const messages: RawMessage[] = [];
  let segments: string[] = [];
  let start = 0;
  unframed.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line.startsWith('#')) return;
    if (line.trim() === '') {
      if (segments.length) messages.push({ text: segments.join('\r'), line: start + 1 });
      segments = [];
      return;
    }
    // A new MSH without a blank line before it still starts a new message.
    if (line.startsWith('MSH') && segments.length) {
      messages.push({ text: segments.join('\r'), line: start + 1 });
      segments = [];
    }
    if (!segments.length) start = i;
    segments.push(line);
  });
  if (segments.length) messages.push({ text: segments.join('\r'), line: start + 1 });
  return messages;
}
