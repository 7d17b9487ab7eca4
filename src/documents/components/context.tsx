// Hands the document service to the documents' components; absent, they offer nothing.

import { createContext, useContext, type ReactNode } from 'react';
import type { DocumentService } from '../service';

const DocumentsContext = createContext<DocumentService | null>(null);

export function DocumentsProvider({ service, children }: { service: DocumentService; children: ReactNode }) {
  return <DocumentsContext.Provider value={service}>{children}</DocumentsContext.Provider>;
}

export function useDocumentService(): DocumentService | null {
  return useContext(DocumentsContext);
}
