// A polite live region that reads the streaming answer a sentence at a time.

import { useEffect, useRef, useState } from 'react';
import { useSensa } from '../store-context';
import { nextAnnouncement } from '../announce';
import { activeConversation } from '../store';
import { splitThinking } from '../thinking';

export function Announcer() {
  const last = useSensa((s) => activeConversation(s).messages.at(-1));
  const [spoken, setSpoken] = useState('');
  const progress = useRef<{ id: string; announced: number } | null>(null);

  useEffect(() => {
    if (!last || last.role !== 'assistant') return;
    if (progress.current?.id !== last.id) {
      // Only answers that stream while the page is open are read; reopened ones are not.
      if (last.status !== 'streaming') return;
      progress.current = { id: last.id, announced: 0 };
    }
    const { answer } = splitThinking(last.content);
    const finished = last.status !== 'streaming';
    const next = nextAnnouncement(answer, progress.current.announced, finished);
    progress.current.announced = next.announced;
    if (next.chunk) setSpoken(next.chunk);
    if (finished && last.status === 'stopped') setSpoken((s) => `${s} Stopped.`);
  }, [last]);

  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {spoken}
    </div>
  );
}
