// Prometheus scrape endpoint: any role's API token (Authorization: Bearer …).
import { handleMetricsRequest } from "@/server/domain/monitoring/metrics-endpoint";

export const GET = (req: Request) => handleMetricsRequest(req);
export const dynamic = "force-dynamic";
