-- AlterTable
ALTER TABLE "Treatment" ADD COLUMN     "deviceName" TEXT;

-- CreateTable
CREATE TABLE "DeviceEvent" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "deviceId" TEXT,
    "deviceName" TEXT,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "eventType" TEXT NOT NULL,
    "durationMinutes" DOUBLE PRECISION,
    "details" TEXT NOT NULL DEFAULT '{}',
    "note" TEXT,
    "uploadKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceStatus" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL,
    "document" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceStatus_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeviceEvent_userId_takenAt_id_idx" ON "DeviceEvent"("userId", "takenAt" DESC, "id");

-- CreateIndex
CREATE INDEX "DeviceEvent_deviceId_idx" ON "DeviceEvent"("deviceId");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceEvent_userId_uploadKey_key" ON "DeviceEvent"("userId", "uploadKey");

-- CreateIndex
CREATE INDEX "DeviceStatus_userId_reportedAt_idx" ON "DeviceStatus"("userId", "reportedAt" DESC);

-- CreateIndex
CREATE INDEX "DeviceStatus_deviceId_reportedAt_idx" ON "DeviceStatus"("deviceId", "reportedAt" DESC);

-- AddForeignKey
ALTER TABLE "DeviceEvent" ADD CONSTRAINT "DeviceEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceEvent" ADD CONSTRAINT "DeviceEvent_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceStatus" ADD CONSTRAINT "DeviceStatus_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceStatus" ADD CONSTRAINT "DeviceStatus_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;
