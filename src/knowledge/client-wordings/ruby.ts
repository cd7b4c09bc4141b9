// Ruby wordings the main table lacks: a backtrace whose exception line was cut off still names where it was raised.
import type { ClientMessagePattern } from '../client-messages.js';

export const RUBY_WORDINGS: readonly ClientMessagePattern[] = [
  {
    id: 'ruby.read-timeout-frame',
    // BufferedIO#rbuf_fill raises Net::ReadTimeout from its rescue of IO::WaitReadable (the wait for data ran out); an
    // EOFError comes from the read itself, in "rbuf_fill", not in its rescue. So a frame "in `rescue in rbuf_fill'" is
    // a read that timed out even when the pasted backtrace lacks its first line.
    pattern: "in [`']rescue in rbuf_fill'",
    yields: { message: 'read-timed-out' },
    phase: null,
    client: 'ruby-net-smtp',
    sources: [
      'ruby/ruby@v2_1_0:lib/net/protocol.rb (rbuf_fill: rescue IO::WaitReadable; if IO.select([@io], nil, nil, @read_timeout) retry else raise Net::ReadTimeout end)',
    ],
  },
];
