const kibibyte = 1024;
const mebibyte = 1024 * 1024;

const grouped = (value: number, fractionDigits: number) =>
  value.toLocaleString('en-US', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });

/**
 * A size as Confluence prints it next to an attachment (the Extender's `fileSizeNice`, seed 000): whole
 * kB above 1 KiB ("10 kB" for 10342 bytes), two decimals above 1 MiB ("1.20 MB"), one decimal of a kB
 * up to 1 KiB ("0.5 kB"), following Atlassian's FileSize formatter.
 */
export function niceFileSize(sizeBytes: number): string {
  if (sizeBytes > mebibyte) return `${grouped(sizeBytes / mebibyte, 2)} MB`;
  if (sizeBytes > kibibyte) return `${Math.round(sizeBytes / kibibyte)} kB`;
  return `${grouped(sizeBytes / kibibyte, 1)} kB`;
}
