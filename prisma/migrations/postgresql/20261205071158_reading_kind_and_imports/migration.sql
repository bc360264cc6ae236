-- CreateEnum
CREATE TYPE "ReadingKind" AS ENUM ('fingerstick', 'sensor');

-- CreateEnum
CREATE TYPE "ReadingSource" AS ENUM ('typed', 'meter', 'sensor_history', 'sensor_scan');

-- CreateEnum
CREATE TYPE "BeyondRange" AS ENUM ('below', 'above');

-- AlterTable
ALTER TABLE "Reading" ADD COLUMN     "beyondRange" "BeyondRange",
ADD COLUMN     "importId" TEXT,
ADD COLUMN     "kind" "ReadingKind" NOT NULL DEFAULT 'fingerstick',
ADD COLUMN     "source" "ReadingSource" NOT NULL DEFAULT 'typed';

-- CreateTable
CREATE TABLE "Import" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "totalRows" INTEGER NOT NULL,
    "imported" INTEGER NOT NULL,
    "duplicates" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),
    "removedReadings" BYTEA,

    CONSTRAINT "Import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportUpload" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "parsed" BYTEA,
    "parsedFor" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Import_userId_createdAt_idx" ON "Import"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ImportUpload_userId_idx" ON "ImportUpload"("userId");

-- CreateIndex
CREATE INDEX "ImportUpload_expiresAt_idx" ON "ImportUpload"("expiresAt");

-- CreateIndex
CREATE INDEX "Reading_importId_idx" ON "Reading"("importId");

-- AddForeignKey
ALTER TABLE "Reading" ADD CONSTRAINT "Reading_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Import" ADD CONSTRAINT "Import_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportUpload" ADD CONSTRAINT "ImportUpload_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Readings imported before kinds were recorded came from a file, not typed (which device wrote it is not known).
UPDATE "Reading" SET "source" = 'meter' WHERE "importKey" IS NOT NULL;
