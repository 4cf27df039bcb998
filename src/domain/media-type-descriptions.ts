const descriptions: Record<string, string> = {
  'application/pdf': 'PDF Document',
  'application/zip': 'Zip Archive',
  'application/json': 'JSON File',
  'application/msword': 'Word Document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word Document',
  'application/vnd.ms-excel': 'Excel Spreadsheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel Spreadsheet',
  'application/vnd.ms-powerpoint': 'PowerPoint Presentation',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint Presentation',
  'text/plain': 'Text File',
  'text/html': 'HTML Document',
  'text/csv': 'CSV File',
  'text/xml': 'XML File',
  'application/xml': 'XML File',
};

/** Cloud's `mediaTypeDescription` ("PDF Document"); null when we have no name for the type (clients allow it). */
export function describeMediaType(mediaType: string): string | null {
  const known = descriptions[mediaType];
  if (known) return known;
  for (const family of ['image', 'video', 'audio'] as const) {
    if (mediaType.startsWith(`${family}/`)) return family[0]?.toUpperCase() + family.slice(1);
  }
  return null;
}
