// Last line of defence: a render bug shows a message and a reload button instead of a blank page.

import { Component, type ErrorInfo, type ReactNode } from 'react';
import { tr } from '../i18n/i18n';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Sensa crashed while rendering', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    // A class cannot use the hook; the words are read at render (the language rarely changes on a crash screen).
    const title = tr('crash.title');
    const reload = tr('crash.reload');
    return (
      <div className="crash" role="alert">
        <h1>{title}</h1>
        <p>{this.state.error.message}</p>
        <button type="button" className="button primary" onClick={() => location.reload()}>
          {reload}
        </button>
      </div>
    );
  }
}
